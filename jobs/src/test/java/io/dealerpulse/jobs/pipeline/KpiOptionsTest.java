package io.dealerpulse.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class KpiOptionsTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        KpiOptions defaults = KpiOptions.defaults();
        assertThat(defaults.outOfOrderness()).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.allowedLateness()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.unknownSiteHold()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.accountingEmitInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.accountingOnEveryEvent()).isFalse();
    }

    @Test
    void withersChangeOneSettingAndSurviveJavaSerialization() throws Exception {
        KpiOptions options = KpiOptions.defaults().withAllowedLateness(Duration.ofHours(6))
                .withUnknownSiteHold(Duration.ofMinutes(5));
        KpiOptions copy = InstantiationUtil.clone(options);
        assertThat(copy).isEqualTo(options);
        assertThat(copy.allowedLateness()).isEqualTo(Duration.ofHours(6));
        assertThat(copy.outOfOrderness()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void invalidValuesAreRejectedWithTheSettingName() {
        assertThatThrownBy(() -> KpiOptions.defaults().withAllowedLateness(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed lateness");
        assertThatThrownBy(() -> KpiOptions.defaults().withAccountingEmitInterval(Duration.ZERO))
                .hasMessageContaining("accounting emit interval");
    }

    @Test
    void stateAndEnvelopeTypesArePojosNotKryo() {
        assertThat(TypeInformation.of(SiteInput.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(StreamCounters.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(HeldInput.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
