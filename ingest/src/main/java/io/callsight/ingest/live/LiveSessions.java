package io.callsight.ingest.live;

import io.callsight.events.Utterance;
import io.callsight.ingest.audiohook.AudioHookSession;
import io.callsight.ingest.audiohook.LiveTranscript;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AudioHook sessions open on this server instance, by call id (= AudioHook session id). The Transcript Connector
 * hook: whatever reads calls.transcripts hands each result to {@link #sendTranscript}; results for calls of other
 * instances are simply not found here (each instance forwards only its own sessions' calls, docs/live-ingest.md).
 */
public final class LiveSessions {
    private final Map<String, AudioHookSession> byCall = new ConcurrentHashMap<>();

    /** False if a session with this id is already open (the same Audiohook-Session-Id twice). */
    public boolean register(AudioHookSession session) {
        return byCall.putIfAbsent(session.callId(), session) == null;
    }

    public void remove(AudioHookSession session) {
        byCall.remove(session.callId(), session);
    }

    public boolean contains(String callId) {
        return byCall.containsKey(callId);
    }

    public int size() {
        return byCall.size();
    }

    /**
     * Sends a transcript result to the call's open session as an AudioHook {@code event} (§9).
     *
     * @return false if the call has no open session here or the session cannot take it now
     */
    public boolean sendTranscript(String callId, LiveTranscript transcript) {
        AudioHookSession s = byCall.get(callId);
        return s != null && s.sendTranscript(transcript);
    }

    /**
     * A record of calls.transcripts (partial or final, already redacted) to its call's session. The session must be of
     * the record's tenant: session ids are chosen by the client, so another tenant may open one under a live call's id.
     */
    public boolean sendTranscript(Utterance utterance) {
        AudioHookSession s = byCall.get(utterance.callId());
        if (s == null || !s.identity().tenant().equals(utterance.tenant())) {
            return false;
        }
        return s.sendTranscript(LiveTranscript.of(utterance));
    }

    /** No more finals will come for the call: a session waiting after {@code close} sends {@code closed} now. */
    public void transcriptsComplete(String callId) {
        AudioHookSession s = byCall.get(callId);
        if (s != null) {
            s.transcriptsComplete();
        }
    }

    /** Runs every session's safety timers. */
    public void tick() {
        for (AudioHookSession s : List.copyOf(byCall.values())) {
            s.tick();
        }
    }

    /** Asks every client to end its session (a server draining before shutdown). */
    public void disconnectAll(String info) {
        for (AudioHookSession s : List.copyOf(byCall.values())) {
            s.disconnect("completed", info);
        }
    }
}
