package io.callsight.nlp.redaction.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code datasets/redaction-speech/sentences.jsonl}: recognizer-style utterances with the numbers that must be
 * removed and those that must stay (see that folder's README).
 */
public final class SpeechRedactionSet {
    public static final String TUNE = "tune";
    public static final String TEST = "test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpeechRedactionSet() {
    }

    /** One labeled number: which utterance ({@code prev} or {@code text}), its span there, and what it is. */
    public record Label(String utterance, int start, int end, String what) {
    }

    /**
     * One utterance, or two of one track when {@code prev} is not null (the first one's end and this one's
     * start may be one number).
     */
    public record Sample(String id, String split, String kind, String style, String prev, String text,
                         List<Label> remove, List<Label> keep) {
        public Sample {
            remove = List.copyOf(remove);
            keep = List.copyOf(keep);
        }

        String utterance(Label l) {
            return l.utterance().equals("prev") ? prev : text;
        }
    }

    /**
     * The default file: {@code -Dcallsight.datasets} or {@code CALLSIGHT_DATASETS}, else {@code datasets/} under
     * {@code -Dcallsight.root} (the working directory when neither is set).
     */
    public static Path defaultFile() {
        String p = System.getProperty("callsight.datasets", System.getenv("CALLSIGHT_DATASETS"));
        Path dir = p != null ? Path.of(p) : Path.of(System.getProperty("callsight.root", ".")).resolve("datasets");
        return dir.resolve("redaction-speech").resolve("sentences.jsonl");
    }

    public static List<Sample> read(Path file) throws IOException {
        List<Sample> out = new ArrayList<>();
        int line = 0;
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            if (l.isBlank()) continue;
            try {
                JsonNode n = JSON.readTree(l);
                out.add(new Sample(n.get("id").asText(), n.get("split").asText(), n.get("kind").asText(),
                        n.path("style").asText(""), n.hasNonNull("prev") ? n.get("prev").asText() : null,
                        n.get("text").asText(), labels(n.get("remove")), labels(n.get("keep"))));
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + ":" + line + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    public static List<Sample> split(List<Sample> all, String split) {
        return all.stream().filter(s -> s.split().equals(split)).toList();
    }

    private static List<Label> labels(JsonNode array) {
        List<Label> out = new ArrayList<>();
        if (array != null) {
            for (JsonNode x : array) {
                out.add(new Label(x.get("utterance").asText(), x.get("start").asInt(), x.get("end").asInt(),
                        x.path("what").asText("")));
            }
        }
        return out;
    }

}
