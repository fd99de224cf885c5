package dev.microsim.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class TargetRuleTest {
    @Test
    void loopbackRefusesAServiceNameAndTheClusterRuleTakesOnlyBareServiceNames() {
        URI service = URI.create("http://frontend:8080/cart");
        assertThatThrownBy(() -> TargetRule.LOOPBACK.check("load[0].target", service))
                .hasMessageContaining("load[0].target: host \"frontend\"").hasMessageContaining("is not loopback");
        assertThat(TargetRule.IN_CLUSTER.check("load[0].target", service)).isEqualTo(service);
        assertThat(TargetRule.IN_CLUSTER.check("f", URI.create("http://127.0.0.1:9/x"))).hasHost("127.0.0.1");
        for (String other : new String[] {"http://frontend.other-ns:8080/", "http://example.com/", "http://10.0.0.7:8080/", "http://Frontend:8080/",
                "ftp://frontend/"}) {
            assertThatThrownBy(() -> TargetRule.IN_CLUSTER.check("f", URI.create(other))).as(other).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("f: ");
        }
    }
}
