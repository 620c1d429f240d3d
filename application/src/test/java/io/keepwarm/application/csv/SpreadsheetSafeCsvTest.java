package io.keepwarm.application.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadsheetSafeCsvTest {

    @Test
    void text_beginning_with_a_formula_character_is_written_as_text() {
        for (String formula :
                List.of("=HYPERLINK(\"http://x\",\"click\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\tx", "\rx")) {
            assertThat(SpreadsheetSafeCsv.cell(formula)).as(formula).isEqualTo("'" + formula);
        }
    }

    @Test
    void numbers_and_harmless_text_are_left_alone() {
        assertThat(SpreadsheetSafeCsv.cell(-2)).isEqualTo(-2);
        assertThat(SpreadsheetSafeCsv.cell(new BigDecimal("-0.5000"))).isEqualTo(new BigDecimal("-0.5000"));
        assertThat(SpreadsheetSafeCsv.cell("-0.5000")).isEqualTo("-0.5000");
        assertThat(SpreadsheetSafeCsv.cell("-12")).isEqualTo("-12");
        assertThat(SpreadsheetSafeCsv.cell("Ada = Lovelace")).isEqualTo("Ada = Lovelace");
        assertThat(SpreadsheetSafeCsv.cell("")).isEqualTo("");
        assertThat(SpreadsheetSafeCsv.cell(null)).isNull();
        assertThat(SpreadsheetSafeCsv.cell(true)).isEqualTo(true);
    }

    @Test
    void a_written_document_neutralises_cells_and_still_quotes_as_rfc_4180_says() {
        String csv =
                SpreadsheetSafeCsv.write(List.of("name", "balance"), printer -> printer.printRecord("=1+1,\"x\"", -3));

        assertThat(csv).isEqualTo("name,balance\r\n\"'=1+1,\"\"x\"\"\",-3\r\n");
    }

    @Test
    void reading_a_cell_back_takes_off_the_guard_and_only_the_guard() {
        for (String text : List.of("=SUM(1)", "- follow up", "+1 555", "@ada", "\tx", "plain", "'quoted", "-2", "")) {
            assertThat(SpreadsheetSafeCsv.text(String.valueOf(SpreadsheetSafeCsv.cell(text))))
                    .as(text)
                    .isEqualTo(text);
        }
        assertThat(SpreadsheetSafeCsv.text(null)).isNull();
    }

    @Test
    void a_streamed_document_is_the_same_as_a_written_one() throws java.io.IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        SpreadsheetSafeCsv.write(out, List.of("name", "balance"), printer -> printer.printRecord("=1+1,\"x\"", -3));

        assertThat(out.toString())
                .isEqualTo(SpreadsheetSafeCsv.write(
                        List.of("name", "balance"), printer -> printer.printRecord("=1+1,\"x\"", -3)));
    }
}
