package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.faults.kinds.FaultType;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.FaultTarget;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published scenario schema (model) is hand-written, the fault catalogue (fault-injector) is
 * the truth; this module sees both, so here they are held equal: the schema's kind enum is the
 * catalogue's kinds, and each kind's schema branch allows exactly the catalogue's parameter names and
 * requires exactly the ones the catalogue's parser requires.
 */
class FaultSchemaCatalogTest {
    static final String SCHEMA = "/dev/microsim/model/scenario.schema.json";
    static JsonNode defs;
    static JsonNode fault;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = FaultSchemaCatalogTest.class.getResourceAsStream(SCHEMA)) {
            assertThat(in).as(SCHEMA + " on the classpath (from the model jar)").isNotNull();
            defs = new ObjectMapper().readTree(in).path("$defs");
        }
        fault = defs.path("fault");
        assertThat(fault.isObject()).as("$defs.fault in the schema").isTrue();
    }

    static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** kind -> the keys its if/then branch allows beyond the common ones, read from fault.allOf. */
    static Map<String, Set<String>> schemaParametersByKind() {
        Set<String> common = fieldNames(fault.path("properties"));
        Map<String, Set<String>> byKind = new LinkedHashMap<>();
        for (JsonNode branch : fault.path("allOf")) {
            String kind = branch.path("if").path("properties").path("kind").path("const").asText(null);
            assertThat(kind).as("allOf branch keyed on a kind const: " + branch).isNotNull();
            String ref = branch.path("then").path("$ref").asText();
            assertThat(ref).as("then of " + kind).startsWith("#/$defs/");
            JsonNode def = defs.path(ref.substring("#/$defs/".length()));
            assertThat(def.path("additionalProperties").isBoolean() && !def.path("additionalProperties").asBoolean())
                    .as(ref + " closes with additionalProperties: false").isTrue();
            Set<String> allowed = fieldNames(def.path("properties"));
            assertThat(allowed).as(ref + " repeats every common key, or a valid fault would be rejected").containsAll(common);
            allowed.removeAll(common);
            assertThat(byKind.put(kind, allowed)).as("one branch per kind: " + kind).isNull();
        }
        return byKind;
    }

    @Test
    void theSchemasKindEnumIsTheCatalogue() {
        List<String> schemaKinds = fieldValues(fault.path("properties").path("kind").path("enum"));
        assertThat(schemaKinds).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(FaultCatalog.standard().kinds());
    }

    @Test
    void everyCatalogueKindHasOneSchemaBranch() {
        assertThat(schemaParametersByKind().keySet()).containsExactlyInAnyOrderElementsOf(FaultCatalog.standard().kinds());
    }

    @Test
    void eachKindsSchemaParametersAreTheCataloguesParameters() {
        Map<String, Set<String>> schema = schemaParametersByKind();
        Map<String, Set<String>> catalogue = FaultCatalog.standard().types().stream()
                .collect(Collectors.toMap(FaultType::name, t -> Set.copyOf(t.parameters()), (a, b) -> a, LinkedHashMap::new));
        for (Map.Entry<String, Set<String>> e : catalogue.entrySet()) {
            assertThat(schema.get(e.getKey())).as("schema parameters of " + e.getKey())
                    .isNotNull().containsExactlyInAnyOrderElementsOf(e.getValue());
        }
    }

    @Test
    void eachKindsSchemaRequiresWhatTheCatalogueRequires() {
        // The catalogue states required parameters only through its parser: a spec without parameters
        // gets "is required" for each of them (other problems, e.g. bad-deploy's "at least one", are not requirements).
        for (JsonNode branch : fault.path("allOf")) {
            String kind = branch.path("if").path("properties").path("kind").path("const").asText();
            JsonNode def = defs.path(branch.path("then").path("$ref").asText().substring("#/$defs/".length()));
            FaultSpec bare = new FaultSpec("f", kind, FaultTarget.service("db"), Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, Map.of());
            Set<String> catalogueRequired = FaultCatalog.standard().problems(bare).stream()
                    .filter(p -> p.message().equals("is required")).map(p -> String.join(".", p.keys()))
                    .collect(Collectors.toSet());
            assertThat(fieldValues(def.path("required"))).as("required parameters of " + kind)
                    .containsExactlyInAnyOrderElementsOf(catalogueRequired);
        }
    }

    static List<String> fieldValues(JsonNode array) {
        assertThat(array.isArray() || array.isMissingNode()).as("array: " + array).isTrue();
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
