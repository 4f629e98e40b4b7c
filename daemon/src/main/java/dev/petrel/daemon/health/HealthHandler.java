package dev.petrel.daemon.health;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request per connection: GET on a known path runs its check and answers 200 (ok) or 503 with the
 * check's JSON; POST on a mutating endpoint ({@link WriteEndpoints}) runs it on the writer. An unknown path is
 * 404, another method (only GET reads, only POST writes) 405, a client that {@link Authorizer} refuses 403 with
 * the reason as {@code {"error": ...}}. A check that does not answer within
 * {@link #ANSWER_TIMEOUT} (the RIB busy or stuck) is a 503 that says so. The check completes off the event loop;
 * the answer is written from wherever it completes (Netty hands the write to the loop).
 */
final class HealthHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HealthHandler.class);
    /** Generators leave the stream open: the newline after the JSON goes to it too. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    /**
     * How long a check may take: a RIB busy with a burst of UPDATEs answers well within it, and it stays below the
     * probe timeouts of examples/k8s (5 s), so the prober gets our reason rather than its own timeout.
     */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);

    /** How long a write may take before the client is told (a reload of a large file, a busy RIB). */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Supplier<CompletableFuture<? extends HealthReport>>> checks;
    private final WriteEndpoints writes;
    private final Authorizer authorizer;
    private final Executor writer;

    /**
     * @param writes the mutating endpoints, or null for none
     * @param writer where they run: off the event loop, one at a time
     */
    HealthHandler(Map<String, Supplier<CompletableFuture<? extends HealthReport>>> checks, WriteEndpoints writes,
            Authorizer authorizer, Executor writer) {
        this.checks = checks;
        this.writes = writes;
        this.authorizer = authorizer;
        this.writer = writer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, error("bad request"));
            return;
        }
        QueryStringDecoder query = new QueryStringDecoder(req.uri());
        String path = query.path();
        Supplier<CompletableFuture<? extends HealthReport>> check = checks.get(path);
        WriteEndpoints.Action action = check != null || writes == null ? null : writes.find(path);
        if (check == null && action == null) {
            java.util.List<String> known = new java.util.ArrayList<>(checks.keySet().stream().sorted().toList());
            if (writes != null) {
                known.addAll(WriteEndpoints.paths());
            }
            respond(ctx, HttpResponseStatus.NOT_FOUND, error("no such endpoint; try " + String.join(" or ", known)));
            return;
        }
        HttpMethod allowed = check != null ? HttpMethod.GET : HttpMethod.POST;
        if (!req.method().equals(allowed)) {
            FullHttpResponse r = response(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED,
                    error(req.method() + " is not allowed; only " + allowed));
            r.headers().set(HttpHeaderNames.ALLOW, allowed.name());
            send(ctx, r);
            return;
        }
        Authorizer.Access access = check != null ? Authorizer.Access.READ : Authorizer.Access.WRITE;
        Authorizer.Client client = ClientNames.of(ctx.channel());
        String refusal = authorizer.refusal(access, client);
        if (refusal != null) {
            // Debug, not info: any client that reaches the port can cause refusals, as often as it likes; the
            // client reads the reason in the 403.
            LOG.debug("HTTP {} {} from {} refused: {}", req.method(), path, ctx.channel().remoteAddress(), refusal);
            respond(ctx, HttpResponseStatus.FORBIDDEN, error(refusal));
            return;
        }
        if (action != null) {
            write(ctx, req, query, path, client, action);
            return;
        }
        CompletableFuture<? extends HealthReport> answer;
        try {
            answer = check.get();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.orTimeout(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((report, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                String why = cause instanceof java.util.concurrent.TimeoutException
                        ? "no answer within " + ANSWER_TIMEOUT.toSeconds() + "s" : cause.toString();
                LOG.debug("health check {} failed: {}", path, why);
                respond(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, error(path + ": " + why));
            } else {
                send(ctx, response(ctx, report.ok() ? HttpResponseStatus.OK
                        : HttpResponseStatus.SERVICE_UNAVAILABLE, report));
            }
        });
    }

    /** Runs a mutating endpoint on the writer, logged with who asked (an operator's action is worth a line). */
    private void write(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder query, String path,
            Authorizer.Client client, WriteEndpoints.Action action) {
        String body = req.content().toString(StandardCharsets.UTF_8);
        LOG.info("HTTP POST {} from {}{}", path, ctx.channel().remoteAddress(),
                client.names().isEmpty() ? "" : " (" + String.join(", ", client.names()) + ")");
        // The client has sent all it will: the idle timeout must not cut the answer of a reload that takes a while.
        if (ctx.pipeline().get(ReadTimeoutHandler.class) != null) {
            ctx.pipeline().remove(ReadTimeoutHandler.class);
        }
        CompletableFuture.supplyAsync(() -> action.run(query, body), writer)
                .orTimeout(WRITE_TIMEOUT.toSeconds(), TimeUnit.SECONDS).whenComplete((a, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                String why = cause instanceof java.util.concurrent.TimeoutException
                        ? "no answer within " + WRITE_TIMEOUT.toSeconds() + "s; it may still complete"
                        : "failed: " + cause;
                LOG.warn("HTTP POST {}: {}", path, why);
                respond(ctx, cause instanceof java.util.concurrent.TimeoutException
                        ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        error(path + ": " + why));
            } else {
                send(ctx, response(ctx, a.status(), HttpHeaderValues.APPLICATION_JSON,
                        out -> out.write((a.json() + "\n").getBytes(StandardCharsets.UTF_8))));
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof ReadTimeoutException)) {
            LOG.debug("health connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static Body error(String message) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        };
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, Body body) {
        send(ctx, response(ctx, status, body));
    }

    private static FullHttpResponse response(ChannelHandlerContext ctx, HttpResponseStatus status, Body body) {
        return response(ctx, status, HttpHeaderValues.APPLICATION_JSON, out -> {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                body.write(g);
            }
            out.write('\n');
        });
    }

    /** A report's answer: its own media type and bytes for a {@link TextReport}, JSON for the others. */
    private static FullHttpResponse response(ChannelHandlerContext ctx, HttpResponseStatus status,
            HealthReport report) {
        return report instanceof TextReport text ? response(ctx, status, text.contentType(), text::writeTo)
                : response(ctx, status, report::write);
    }

    private static FullHttpResponse response(ChannelHandlerContext ctx, HttpResponseStatus status,
            CharSequence contentType, Bytes body) {
        ByteBuf buf = ctx.alloc().buffer();
        try (ByteBufOutputStream out = new ByteBufOutputStream(buf)) {
            body.write(out);
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw new IllegalStateException("writing an HTTP answer to memory", e);
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buf);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, buf.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                // One request per connection: nothing to keep track of between probes.
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return r;
    }

    private interface Bytes {
        void write(java.io.OutputStream out) throws IOException;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse r) {
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
