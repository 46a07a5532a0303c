package dev.tern.hotload.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionRangeTest {

    @Test
    void halfOpenRangeIncludesLowerExcludesUpper() {
        VersionRange range = VersionRange.parse("[1.0,2.0)");

        assertThat(range.includes("1.0")).isTrue();
        assertThat(range.includes("1.10.3")).isTrue();
        assertThat(range.includes("2.0")).isFalse();
        assertThat(range.includes("0.9")).isFalse();
    }

    @Test
    void exclusiveLowerAndInclusiveUpper() {
        VersionRange range = VersionRange.parse("(1.0,2.0]");

        assertThat(range.includes("1.0")).isFalse();
        assertThat(range.includes("2.0")).isTrue();
    }

    @Test
    void bareVersionMeansAtLeast() {
        VersionRange range = VersionRange.parse("1.2");

        assertThat(range.includes("1.2")).isTrue();
        assertThat(range.includes("7.0")).isTrue();
        assertThat(range.includes("1.1")).isFalse();
    }

    @Test
    void openUpperBound() {
        assertThat(VersionRange.parse("[2.0,)").includes("99.0")).isTrue();
        assertThat(VersionRange.parse("*").includes("0.0.1")).isTrue();
    }

    @Test
    void malformedRangesAreRejected() {
        assertThatThrownBy(() -> VersionRange.parse("[2.0,1.0)")).hasMessageContaining("contains no version");
        assertThatThrownBy(() -> VersionRange.parse("[1.0")).hasMessageContaining("must end with");
        assertThatThrownBy(() -> VersionRange.parse("[1.0,]")).hasMessageContaining("must end with ')'");
        assertThatThrownBy(() -> VersionRange.parse("[1.0;2.0)")).hasMessageContaining("two bounds");
    }
}
