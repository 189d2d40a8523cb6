package dev.regzoo.train;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.deeplearning4j.ui.VertxUIServer;

/**
 * DL4J's UI server listening on one address and port. DL4J 1.0.0-M2.1's {@link VertxUIServer} takes no host: its
 * {@code start} calls Vert.x's {@code HttpServer.listen(port, handler)}, which Vert.x 3.9 binds to {@code 0.0.0.0},
 * every network interface. This subclass keeps the whole of DL4J's server (its modules, regzoo's found through
 * {@code ServiceLoader} as DL4J finds them; attaching statistics; the remote receiver) and changes that one call:
 * DL4J's {@code start} gets a Vert.x whose HTTP servers listen on {@link #host} and {@link #port} instead.
 */
final class BoundUiServer extends VertxUIServer {

    private static final Class<?>[] LISTEN_PORT = {int.class, Handler.class};

    private final String host;
    private final int port;
    private final UiRuns runs;

    private BoundUiServer(String host, int port, List<Path> folders) {
        this.host = host;
        this.port = port;
        this.runs = new UiRuns(folders, this::attach);
    }

    /**
     * Starts a server on {@code host:port} (port 0: one the system picks) showing {@code folders} on regzoo's pages.
     *
     * @throws IllegalArgumentException when it cannot listen there
     */
    static BoundUiServer start(String host, int port, List<Path> folders) {
        Vertx vertx = Vertx.vertx();
        BoundUiServer server = new BoundUiServer(host, port, folders);
        CompletableFuture<String> deployed = new CompletableFuture<>();
        vertx.deployVerticle(server, r -> {
            if (r.succeeded()) {
                deployed.complete(r.result());
            } else {
                deployed.completeExceptionally(r.cause());
            }
        });
        try {
            deployed.get();
            return server;
        } catch (ExecutionException e) {
            vertx.close();
            Throwable cause = e.getCause().getCause() != null ? e.getCause().getCause() : e.getCause();
            throw new IllegalArgumentException("the training UI cannot listen on " + host + ":" + port + ": "
                    + cause.getMessage(), e);
        } catch (InterruptedException e) {
            vertx.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the training UI started", e);
        }
    }

    /** The runs regzoo's pages show. */
    UiRuns runs() {
        return runs;
    }

    @Override
    public void init(Vertx vertx, Context context) {
        super.init(listeningOnOwnAddress(vertx), context);
    }

    /** {@code vertx}, except that its HTTP servers' {@code listen(port, handler)} listens on this server's address. */
    private Vertx listeningOnOwnAddress(Vertx vertx) {
        return proxy(Vertx.class, (self, method, args) -> method.getName().equals("createHttpServer")
                && method.getParameterCount() == 0 ? boundTo(vertx.createHttpServer()) : invoke(method, vertx, args));
    }

    private HttpServer boundTo(HttpServer server) {
        return proxy(HttpServer.class, (self, method, args) -> {
            if (method.getName().equals("listen") && Arrays.equals(method.getParameterTypes(), LISTEN_PORT)) {
                @SuppressWarnings("unchecked")
                Handler<AsyncResult<HttpServer>> done = (Handler<AsyncResult<HttpServer>>) args[1];
                server.listen(port, host, r -> done.handle(r.map((HttpServer) self)));
                return self;
            }
            Object result = invoke(method, server, args);
            return result == server ? self : result; // fluent calls keep returning the proxy
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(BoundUiServer.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
