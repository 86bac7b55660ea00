package io.callsight.jobs.speech;

import static io.callsight.search.schema.CallStatus.COMPLETED;
import static io.callsight.search.schema.CallStatus.INCOMPLETE;
import static io.callsight.search.schema.CallStatus.IN_PROGRESS;
import static io.callsight.search.schema.CallStatus.TRANSCRIBING;

import io.callsight.events.CallEvent;
import io.callsight.events.Track;
import io.callsight.search.schema.CallFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The call as QA sees it in the calls index, built up from lifecycle events and finished tracks. A Flink
 * POJO (public fields, no-arg constructor) because it is kept in keyed state between updates.
 */
public class CallDocument {
    public String tenant;
    public String callId;
    public String status = IN_PROGRESS;
    public String direction;
    public String agentId;
    public String campaign;
    public String source;
    public List<String> tracks = new ArrayList<>();
    public List<String> tracksTranscribed = new ArrayList<>();
    public long startedAt;
    public long durationMs;
    public int utteranceCount;
    public int wordCount;
    public Map<String, Integer> utterancesByTrack = new HashMap<>();
    /** Per-track counts of the previous transcription of this call, until this one has replaced them. */
    public Map<String, Integer> previousUtterancesByTrack = new HashMap<>();
    public boolean ended;
    public boolean anyTrackIncomplete;
    /** Redacted utterances held until compliance is decided (then dropped): only what the rules need. */
    public List<SpokenLine> lines = new ArrayList<>();
    /** Null until the call is finished and every utterance of it has arrived, or when the tenant has no rules. */
    public CallCompliance compliance;
    /** Null until then too, or when no customer line has a sentiment score. */
    public CallSentiment sentiment;
    /** The finished call's lines have been analyzed (compliance, sentiment); false again after a re-import. */
    public boolean analyzed;
    /**
     * Tracks of the next transcription that finished before its STARTED event: re-imported audio can overtake
     * that event (it comes through the recognizer from another topic), and a finished call already counts them.
     */
    public List<TrackSummary> earlySummaries = new ArrayList<>();
    /** Utterance ids to delete that were found since they were last drained. */
    public List<String> staleUtteranceIds = new ArrayList<>();

    public CallDocument() {
    }

    public void apply(CallEvent event) {
        if (event.type() == CallEvent.Type.STARTED && ended) {
            restart();
        }
        tenant = event.tenant();
        callId = event.callId();
        direction = event.direction().name();
        agentId = event.agentId();
        campaign = event.campaign();
        source = event.source();
        startedAt = event.startedAtMs();
        if (!event.tracks().isEmpty()) {
            tracks = new ArrayList<>(event.tracks().stream().map(Track::name).toList());
        }
        if (event.type() == CallEvent.Type.ENDED) {
            ended = true;
            durationMs = event.durationMs();
        }
        updateStatus();
    }

    /** A call imported again is transcribed again from scratch: forget what the earlier run counted. */
    private void restart() {
        ended = false;
        anyTrackIncomplete = false;
        tracksTranscribed = new ArrayList<>();
        previousUtterancesByTrack = utterancesByTrack;
        utterancesByTrack = new HashMap<>();
        utteranceCount = 0;
        wordCount = 0;
        durationMs = 0;
        // Lines are kept: the last transcription's were dropped when it was checked, so any held now are this
        // one's, which can overtake its STARTED event (the events and the audio are different topics).
        compliance = null;
        sentiment = null;
        analyzed = false;
        List<TrackSummary> early = earlySummaries;
        earlySummaries = new ArrayList<>();
        early.forEach(this::apply);
    }

    /** An analyzed utterance of this call (replays of one already held replace it). */
    public void apply(SpokenLine line) {
        lines.removeIf(l -> l.track.equals(line.track) && l.idx == line.idx);
        lines.add(line);
    }

    /**
     * Finished (completed or incomplete) and every utterance the tracks reported has arrived: utterances take
     * a longer path (through NLU) than the track summaries, so a call can finish before its last lines are here.
     */
    public boolean readyForAnalysis() {
        if (!(COMPLETED.equals(status) || INCOMPLETE.equals(status))) {
            return false;
        }
        for (String track : tracksTranscribed) {
            long arrived = lines.stream().filter(l -> l.track.equals(track)).count();
            if (arrived < utterancesByTrack.getOrDefault(track, 0)) {
                return false;
            }
        }
        return true;
    }

    /** The held lines in call order: what compliance and the sentiment summary are made from. */
    public List<SpokenLine> linesInCallOrder() {
        List<SpokenLine> sorted = new ArrayList<>(lines);
        sorted.sort(java.util.Comparator.comparingLong((SpokenLine l) -> l.startMs).thenComparing(l -> l.track));
        return sorted;
    }

    /** Records the analysis (either part may be null) and drops the lines it was made from. */
    public void analyzed(CallCompliance verdict, CallSentiment summary) {
        compliance = verdict;
        sentiment = summary;
        analyzed = true;
        lines = new ArrayList<>();
    }

    public void apply(TrackSummary summary) {
        String track = summary.track().name();
        if (ended && tracksTranscribed.contains(track)) {
            earlySummaries.add(summary); // counted once this transcription's STARTED event restarts the call
            return;
        }
        tenant = tenant == null ? summary.tenant() : tenant;
        callId = summary.callId();
        if (!tracksTranscribed.contains(track)) {
            tracksTranscribed.add(track);
            utterancesByTrack.put(track, summary.utterances());
            utteranceCount += summary.utterances();
            wordCount += summary.words();
            // An earlier transcription may have indexed more utterances on this track than this one produced:
            // left alone they would show up as stale extra lines in the transcript.
            for (int idx = summary.utterances(); idx < previousUtterancesByTrack.getOrDefault(track, 0); idx++) {
                staleUtteranceIds.add(callId + "/" + track + "/" + idx);
            }
        }
        durationMs = Math.max(durationMs, summary.audioMs());
        anyTrackIncomplete |= !summary.completed();
        updateStatus();
    }

    /** The ids of utterance documents an earlier transcription left behind, found since the last call. */
    public List<String> drainStaleUtteranceIds() {
        List<String> stale = staleUtteranceIds;
        staleUtteranceIds = new ArrayList<>();
        return stale;
    }

    private void updateStatus() {
        boolean allTracksDone = !tracks.isEmpty() && tracksTranscribed.containsAll(tracks);
        if (ended && allTracksDone) {
            status = anyTrackIncomplete ? INCOMPLETE : COMPLETED;
        } else if (ended) {
            status = TRANSCRIBING;
        } else {
            status = IN_PROGRESS;
        }
    }

    public Map<String, Object> toSource(long now) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(CallFields.TENANT, tenant);
        doc.put(CallFields.CALL_ID, callId);
        doc.put(CallFields.STATUS, status);
        doc.put(CallFields.DIRECTION, direction);
        doc.put(CallFields.AGENT_ID, agentId);
        doc.put(CallFields.CAMPAIGN, campaign);
        doc.put(CallFields.SOURCE, source);
        doc.put(CallFields.TRACKS, tracks);
        doc.put(CallFields.TRACKS_TRANSCRIBED, tracksTranscribed);
        doc.put(CallFields.STARTED_AT, startedAt);
        doc.put(CallFields.DURATION_MS, durationMs);
        doc.put(CallFields.UTTERANCE_COUNT, utteranceCount);
        doc.put(CallFields.WORD_COUNT, wordCount);
        if (compliance != null) {
            doc.put(CallFields.COMPLIANCE, compliance.toSource());
        }
        if (sentiment != null) {
            doc.put(CallFields.SENTIMENT, sentiment.toSource());
        }
        doc.put(CallFields.UPDATED_AT, now);
        return doc;
    }
}
