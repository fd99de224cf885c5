package dev.microsim.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackUrlsTest {
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/a", "http://127.10.20.30/x?y=1", "http://localhost:1/", "http://LOCALHOST:1/",
            "http://[::1]:8080/p", "https://127.0.0.1/"})
    void acceptsLoopback(String url) {
        assertThat(LoopbackUrls.requireLoopback("--url", url).toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1/", "http://128.0.0.1/", "http://example.com/", "http://localhost.example.com/",
            "http://[2001:db8::1]/", "http://0.0.0.0:80/"})
    void refusesEverythingElse(String url) {
        assertThatThrownBy(() -> LoopbackUrls.requireLoopback("--url", url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--url: host ")
                .hasMessageContaining("is not loopback");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/", "127.0.0.1:8080/path", "http:///path", "http://127.0.0.1:80/a b", "http://127.0.0.256/"})
    void refusesWhatIsNotAnHttpUrl(String url) {
        assertThatThrownBy(() -> LoopbackUrls.requireLoopback("--url", url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--url: \"");
    }
}
