package io.callsight.asr.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoskModelVariantTest {
    @TempDir
    Path dir;

    @Test
    void linksTheModelAndAddsTheOptionToItsOwnConfigurationLeavingTheModelAlone() throws Exception {
        Path model = dir.resolve("model-" + System.nanoTime());
        Files.createDirectories(model.resolve("am"));
        Files.createDirectories(model.resolve("conf"));
        Files.writeString(model.resolve("am/final.mdl"), "weights");
        Files.writeString(model.resolve("conf/mfcc.conf"), "--num-ceps=40\n");
        Files.writeString(model.resolve("conf/model.conf"), "--beam=10.0\n--frames-per-chunk=51\n");

        Path variant = VoskModelVariant.withFramesPerChunk(model, 6);
        assertEquals(List.of("--beam=10.0", "--frames-per-chunk=6"), Files.readAllLines(variant.resolve("conf/model.conf")));
        assertEquals("weights", Files.readString(variant.resolve("am/final.mdl")));
        assertTrue(Files.isSymbolicLink(variant.resolve("am")));
        assertEquals("--num-ceps=40\n", Files.readString(variant.resolve("conf/mfcc.conf")));
        assertEquals("--beam=10.0\n--frames-per-chunk=51\n", Files.readString(model.resolve("conf/model.conf")));
        assertEquals(variant, VoskModelVariant.withFramesPerChunk(model, 6), "made once");
        assertSame(model, VoskModelVariant.withFramesPerChunk(model, 0));
        assertThrows(IllegalArgumentException.class, () -> VoskModelVariant.withFramesPerChunk(model, -1));
    }

    @Test
    void aModelWithoutItsConfigurationIsUsedAsShippedWhenAVariantCannotBeMade() {
        Path model = dir.resolve("not-a-model");
        assertThrows(IllegalStateException.class, () -> VoskModelVariant.withFramesPerChunk(model, 6));
        assertSame(model, VoskModelVariant.withFramesPerChunkOrAsShipped(model, 6));
    }
}
