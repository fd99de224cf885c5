package dev.microsim.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.runtime.CalleeLookup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a pod's callees are: the given NAME=HOST:PORT pairs, else the Kubernetes Service NAME:8080. */
class ServiceAddressesTest {
    @Test
    void pairsFromRepeatedAndCommaSeparatedItemsRoundTrip() {
        Map<String, CalleeLookup.Address> a = ServiceAddresses.parse("--callee", List.of("db=127.0.0.1:4001, cache=10.0.0.7:6379", "auth=auth.svc:8080"));
        assertThat(a).containsOnlyKeys("db", "cache", "auth");
        assertThat(a.get("cache")).isEqualTo(new CalleeLookup.Address("10.0.0.7", 6379));
        assertThat(ServiceAddresses.parse("--callee", List.of(ServiceAddresses.format(a)))).isEqualTo(a);
    }

    @Test
    void givenAddressesWinAndOtherNamesGoToTheirService() {
        CalleeLookup lookup = ServiceAddresses.lookup(Map.of("db", new CalleeLookup.Address("127.0.0.1", 4001)));
        assertThat(lookup.locate("db")).isEqualTo(new CalleeLookup.Address("127.0.0.1", 4001));
        assertThat(lookup.locate("cart")).isEqualTo(new CalleeLookup.Address("cart", ServiceAddresses.SERVICE_PORT));
    }

    @Test
    void everyBadPairIsReportedAtOnceNamingTheFlag() {
        assertThatThrownBy(() -> ServiceAddresses.parse("--callee", List.of("db", "a=h:x", "b=h:70000", "c=h:1,c=h:2", "=h:1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--callee: expected NAME=HOST:PORT, got \"db\"")
                .hasMessageContaining("--callee: the port in \"a=h:x\" is not a number")
                .hasMessageContaining("--callee: the port in \"b=h:70000\" must be 1..65535")
                .hasMessageContaining("--callee: \"c\" is given twice")
                .hasMessageContaining("got \"=h:1\"");
    }
}
