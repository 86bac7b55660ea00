package io.callsight.ingest.live;

import io.callsight.ingest.audiohook.ProtocolCounters;
import io.callsight.tenants.Role;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.auth.ApiKeyAuthenticator;
import io.callsight.tenants.auth.Principal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/calls/{id}/live}: a call's transcript results as Server-Sent Events, for a {@code qa} key of the
 * call's tenant. The stream opens whether or not the call exists or is live anywhere: an instance knows only the
 * sessions it holds, so it cannot tell an unknown call from another tenant's or from one on another instance, and
 * answering 404 for some of them would tell a caller which ids are in use. A foreign or unknown call is a stream that
 * only ever sends heartbeats.
 */
final class LiveCallEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCallEndpoint.class);
    static final Pattern PATH = Pattern.compile("/api/v1/calls/([^/]{1,200})/live");

    private final ApiKeyAuthenticator keys;
    private final LiveCallStreams streams;
    private final ScheduledExecutorService timers;
    private final Duration refusalDelay;
    private final ProtocolCounters counters;

    LiveCallEndpoint(Supplier<TenantRegistry> registry, LiveCallStreams streams, ScheduledExecutorService timers,
            Duration refusalDelay, ProtocolCounters counters) {
        this.keys = new ApiKeyAuthenticator(registry);
        this.streams = streams;
        this.timers = timers;
        this.refusalDelay = refusalDelay;
        this.counters = counters;
    }

    /** False if the request is not for this endpoint. */
    boolean handle(Request request, Response response, Callback callback) {
        Matcher m = PATH.matcher(Request.getPathInContext(request));
        if (!m.matches()) {
            return false;
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            Response.writeError(request, response, callback, 405);
            return true;
        }
        String callId = m.group(1);
        Optional<String> presented = presentedKey(request);
        Optional<Principal> who = presented.flatMap(keys::authenticate);
        if (who.isEmpty()) {
            refuse(request, response, callback, 401, presented.isEmpty() ? "no API key" : "unknown, revoked or"
                    + " malformed API key");
            return true;
        }
        Principal p = who.get();
        if (p.role() != Role.QA) {
            refuse(request, response, callback, 403, "API key " + p.keyId() + " of tenant " + p.tenantId()
                    + " has role " + p.role().id() + ", not qa");
            return true;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Accel-Buffering", "no"); // nginx in front: do not buffer the stream
        LiveCallStreams.Subscriber s = streams.subscribe(p.tenantId(), callId, response, callback);
        request.addFailureListener(s::abort); // the client went away
        // commits the headers at once, so an EventSource reports the stream open before the first result
        s.offer(BufferUtil.toBuffer(": live " + callId.replace('\n', ' ') + "\nretry: 3000\n\n", StandardCharsets.UTF_8));
        LOG.debug("live call {}: subscriber with key {} of tenant {}", callId, p.keyId(), p.tenantId());
        return true;
    }

    /** {@code X-API-KEY}, else {@code Authorization: Bearer}. */
    static Optional<String> presentedKey(Request request) {
        String key = request.getHeaders().get("X-API-KEY");
        if (key != null && !key.isBlank()) {
            return Optional.of(key.strip());
        }
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && !auth.substring(7).isBlank()) {
            return Optional.of(auth.substring(7).strip());
        }
        return Optional.empty();
    }

    /** As the AudioHook upgrade: no answer before the delay has passed since the request arrived, from a timer. */
    private void refuse(Request request, Response response, Callback callback, int status, String reason) {
        counters.increment("live.refused." + status);
        LOG.warn("refused live stream from {} with {}: {}", request.getConnectionMetaData().getRemoteSocketAddress(),
                status, reason);
        if (status == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        long waitNanos = refusalDelay.toNanos() - (System.nanoTime() - request.getHeadersNanoTime());
        Runnable answer = () -> Response.writeError(request, response, callback, status);
        if (waitNanos > 0) {
            timers.schedule(answer, waitNanos, TimeUnit.NANOSECONDS);
        } else {
            answer.run();
        }
    }
}
