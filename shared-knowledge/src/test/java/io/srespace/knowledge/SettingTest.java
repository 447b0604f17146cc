package io.srespace.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingTest {
  private static final Setting POOL =
      new Setting(Setting.Type.INTEGER, BigDecimal.ONE, BigDecimal.valueOf(16), null);

  @Test
  void aPoolSizeIsAWholeNumberWithinItsBounds() {
    assertThat(POOL.refusals("POOL", "8")).isEmpty();
    assertThat(POOL.refusals("POOL", "16")).isEmpty();
    assertThat(POOL.refusals("POOL", "0")).containsExactly("POOL=0 is below its minimum 1");
    assertThat(POOL.refusals("POOL", "-1")).containsExactly("POOL=-1 is below its minimum 1");
    assertThat(POOL.refusals("POOL", "17")).containsExactly("POOL=17 is above its maximum 16");
    assertThat(POOL.refusals("POOL", "0.5")).containsExactly("POOL=0.5 is not a whole number");
    assertThat(POOL.refusals("POOL", "1E1")).containsExactly("POOL=1E1 is not a whole number");
    assertThat(POOL.refusals("POOL", " ")).containsExactly("POOL needs a value");
  }

  @Test
  void aDecimalIsWrittenPlainAndTextComesFromItsList() {
    Setting limit = new Setting(Setting.Type.DECIMAL, new BigDecimal("0.5"), BigDecimal.ONE, null);
    assertThat(limit.refusals("LIMIT", "0.8")).isEmpty();
    assertThat(limit.refusals("LIMIT", "8e-1"))
        .containsExactly("LIMIT=8e-1 is not a plain decimal number");
    assertThat(limit.refusals("LIMIT", "0.00"))
        .containsExactly("LIMIT=0.00 is below its minimum 0.5");

    Setting mode = new Setting(Setting.Type.TEXT, null, null, List.of("fast", "safe"));
    assertThat(mode.refusals("MODE", "safe")).isEmpty();
    assertThat(mode.refusals("MODE", "rm -rf"))
        .containsExactly("MODE=rm -rf is not one of fast, safe");
  }

  @Test
  void aSettingThatCannotBeMetIsAnErrorOfTheGraph() {
    assertThatThrownBy(() -> new Setting(null, null, null, null)).hasMessageContaining("type");
    assertThatThrownBy(() -> new Setting(Setting.Type.TEXT, null, null, List.of()))
        .hasMessageContaining("one_of");
    assertThatThrownBy(
            () -> new Setting(Setting.Type.INTEGER, BigDecimal.TEN, BigDecimal.ONE, null))
        .hasMessage("min 10 is above max 1");
  }
}
