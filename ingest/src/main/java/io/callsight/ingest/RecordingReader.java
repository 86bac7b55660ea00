package io.callsight.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.callsight.asr.audio.AudioFormatException;
import io.callsight.asr.audio.WavAudio;
import io.callsight.asr.audio.WavFile;
import io.callsight.events.Track;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a recorded call and everything it needs before a single byte goes to Kafka, so a bad file fails
 * whole. Stereo: left = customer, right = agent. Mono: the customer alone, with a warning.
 */
public final class RecordingReader {
    public static final Set<Integer> SUPPORTED_RATES = Set.of(8000, 16000);

    private static final ObjectMapper SIDECAR = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .build();

    private final String defaultTenant;
    private final Function<String, String> callerIdSalt;

    /** A reader whose caller numbers are hashed without a salt: for reading, not for publishing. */
    public RecordingReader(String defaultTenant) {
        this(defaultTenant, tenant -> null);
    }

    /** {@code callerIdSalt}: the secret salt of a tenant's caller-number hashes ({@link CallerIds#hash(String, String)}). */
    public RecordingReader(String defaultTenant, Function<String, String> callerIdSalt) {
        this.defaultTenant = Tenants.requireValid(defaultTenant);
        this.callerIdSalt = callerIdSalt;
    }

    public CallRecording read(Path file) throws ImportException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ImportException("no such file", e);
        } catch (IOException e) {
            throw new ImportException("cannot read: " + e.getMessage(), e);
        }
        WavAudio audio;
        try {
            audio = WavFile.parse(bytes);
        } catch (AudioFormatException e) {
            throw new ImportException(e.getMessage(), e);
        }
        if (!SUPPORTED_RATES.contains(audio.sampleRate())) {
            throw new ImportException("unsupported sample rate " + audio.sampleRate()
                    + " Hz: calls must be 8000 or 16000 Hz");
        }
        CallMetadata metadata = readSidecar(file);
        String tenant;
        try {
            tenant = Tenants.requireValid(metadata.tenant() != null ? metadata.tenant() : defaultTenant);
        } catch (IllegalArgumentException e) {
            throw new ImportException(e.getMessage() + " (in " + sidecarOf(file).getFileName() + ")", e);
        }
        List<String> warnings = new ArrayList<>();
        List<Track> tracks;
        if (audio.channels() == 1) {
            tracks = List.of(Track.CUSTOMER);
            warnings.add("mono recording: imported as a single customer track");
        } else {
            tracks = List.of(Track.CUSTOMER, Track.AGENT);
        }
        String callId = metadata.callId() != null && !metadata.callId().isBlank()
                ? metadata.callId()
                : contentCallId(tenant, bytes);
        String aniHash = CallerIds.hash(callerIdSalt.apply(tenant), metadata.ani());
        return new CallRecording(file, tenant, callId, metadata, aniHash, audio, tracks, List.copyOf(warnings));
    }

    /** The same recording imported twice gets the same id, so its documents are overwritten, not doubled. */
    static String contentCallId(String tenant, byte[] bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(tenant.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(bytes);
            return "rec-" + HexFormat.of().formatHex(sha.digest(), 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CallMetadata readSidecar(Path wav) throws ImportException {
        Path sidecar = sidecarOf(wav);
        if (!Files.isRegularFile(sidecar)) {
            return CallMetadata.EMPTY;
        }
        try {
            return SIDECAR.readValue(sidecar.toFile(), CallMetadata.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ImportException("sidecar " + sidecar.getFileName() + " is invalid: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : ""), e);
        } catch (IOException e) {
            throw new ImportException("cannot read sidecar " + sidecar.getFileName() + ": " + e.getMessage(), e);
        }
    }

    static Path sidecarOf(Path wav) {
        String name = wav.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return wav.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }
}
