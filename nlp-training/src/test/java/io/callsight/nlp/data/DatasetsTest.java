package io.callsight.nlp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @Test
    void csvWithQuotesAndJsonPairs(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("d.csv");
        Files.writeString(csv, "label,review\n1,\"good, \"\"really\"\"\nnice\"\n0,bad\n");
        List<Example> e = Datasets.read(csv);
        assertEquals(List.of(new Example("good, \"really\"\nnice", "1"), new Example("bad", "0")), e);
        Path json = tmp.resolve("d.json");
        Files.writeString(json, "[[\"hi there\", \"greet\"], {\"text\": \"bye\", \"intent\": \"leave\"}]");
        assertEquals(List.of(new Example("hi there", "greet"), new Example("bye", "leave")), Datasets.read(json));
        List<List<Example>> s1 = Datasets.split(e, 0.5, 1), s2 = Datasets.split(e, 0.5, 1);
        assertEquals(s1, s2);
    }

    /** Benchmark corpora (the repository's datasets/): skipped (with the reason) where absent. */
    @Test
    void sharedCorporaHaveTheDocumentedSizes() throws Exception {
        Path d = Datasets.sharedDir();
        assumeTrue(Files.exists(d.resolve("clinc150/data_full.json")), "shared datasets not found under " + d + ": skipping");
        Map<String, List<Example>> c = Datasets.clinc(d.resolve("clinc150/data_full.json"));
        assertEquals(15000, c.get("train").size());
        assertEquals(100, c.get("oos_val").size());
        assertEquals(150, Datasets.labels(c.get("train")).size());
        assertEquals(872, Datasets.sst2(d.resolve("sst2/test.tsv")).size());
        assertEquals(7765, Datasets.chnSentiCorp(d.resolve("chnsenticorp/ChnSentiCorp_htl_all.csv")).size()); // 7766 rows, one empty review
        assertEquals(2579, Datasets.smp2019(d.resolve("smp2019/train.json")).size());
        assertEquals(3000, Datasets.uci(d.resolve("uci-sentiment")).size());
    }
}
