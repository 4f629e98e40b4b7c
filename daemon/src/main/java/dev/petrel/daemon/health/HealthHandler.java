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
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request per connection: GET on a known path runs its check and answers 200 (ok) or 503 with the
 * check's JSON; an unknown path is 404, another method on a known path 405. A check that does not answer within
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

    private final Map<String, Supplier<CompletableFuture<? extends HealthReport>>> checks;

    HealthHandler(Map<String, Supplier<CompletableFuture<? extends HealthReport>>> checks) {
        this.checks = checks;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, error("bad request"));
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        Supplier<CompletableFuture<? extends HealthReport>> check = checks.get(path);
        if (check == null) {
            respond(ctx, HttpResponseStatus.NOT_FOUND, error("no such endpoint; try " + String.join(" or ",
                    checks.keySet().stream().sorted().toList())));
            return;
        }
        if (!req.method().equals(HttpMethod.GET)) {
            FullHttpResponse r = response(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED,
                    error(req.method() + " is not allowed; only GET"));
            r.headers().set(HttpHeaderNames.ALLOW, "GET");
            send(ctx, r);
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
