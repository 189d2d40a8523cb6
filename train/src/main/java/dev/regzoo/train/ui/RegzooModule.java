package dev.regzoo.train.ui;

import dev.regzoo.train.TrainingUi;
import dev.regzoo.train.UiRuns;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NResource;

/**
 * regzoo's pages as a DL4J {@link UIModule}: {@value TrainingUi#PAGES} (the runs), {@code /regzoo/run/ID} (one run)
 * and {@code /regzoo/compare?runs=ID,ID} or {@code ?study=ID} (runs overlaid), one HTML page whose script draws each
 * with the jQuery and Flot that DL4J's UI already serves from its jar; and the JSON they read,
 * {@code /regzoo/api/runs}, {@code /regzoo/api/run/ID}, {@code /regzoo/api/study/ID}. The pages request nothing
 * from another host.
 *
 * <p>DL4J's server creates the module through {@code ServiceLoader} as it starts; the module shows the runs of that
 * server when it is a regzoo {@link TrainingUi}'s ({@link TrainingUi#shown()}), none under a server started by DL4J
 * alone. It reads no statistics events: run folders are its source.
 */
public final class RegzooModule implements UIModule {

    private static final String RESOURCES = "/dev/regzoo/train/ui/";
    private static final String JSON = "application/json; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    /** A file of the jar served as it is. */
    private record Asset(String type, byte[] content) {
        static Asset of(String name, String type) {
            try (InputStream in = RegzooModule.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IllegalStateException("regzoo's UI file " + RESOURCES + name + " is missing from the "
                            + "jar");
                }
                return new Asset(type, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read regzoo's UI file " + name, e);
            }
        }
    }

    private static final Asset PAGE = Asset.of("regzoo.html", "text/html; charset=utf-8");
    private static final Map<String, Asset> ASSETS = Map.of(
            "regzoo.js", Asset.of("regzoo.js", "text/javascript; charset=utf-8"),
            "regzoo.css", Asset.of("regzoo.css", "text/css; charset=utf-8"));

    /** What the pages show now: nothing under a server regzoo did not start. */
    private final Supplier<Catalog> catalog;

    /** The module of the regzoo UI server starting in this JVM (DL4J's server calls this as it starts). */
    public RegzooModule() {
        Optional<UiRuns> runs = TrainingUi.shown();
        this.catalog = runs.isPresent() ? () -> RunCatalog.of(runs.get()) : () -> new Catalog(List.of(), List.of());
    }

    @Override
    public List<Route> getRoutes() {
        String base = TrainingUi.PAGES;
        return List.of(
                page(base), page(base + "/run/:id"), page(base + "/compare"),
                new Route(base + "/assets/:file", HttpMethod.GET, (args, rc) -> asset(rc, args.get(0))),
                api(base + "/api/runs", (id, catalog) -> Optional.of(PagesJson.catalog(catalog))),
                api(base + "/api/run/:id", (id, catalog) -> catalog.run(id).map(PagesJson::run)),
                api(base + "/api/study/:id", (id, catalog) -> catalog.study(id).map(s -> PagesJson.study(catalog,
                        s))));
    }

    /** A route to the pages' HTML: one page, whose script draws what its address names. */
    private static Route page(String path) {
        return new Route(path, HttpMethod.GET, (args, rc) -> send(rc, 200, PAGE.type(), PAGE.content()));
    }

    /**
     * A JSON route: {@code answer} gets the route's id argument (or null) and the catalog read now, on a worker thread
     * (reading the folders blocks); empty is 404.
     */
    private Route api(String path, BiFunction<String, Catalog, Optional<String>> answer) {
        return new Route(path, HttpMethod.GET, (args, rc) -> rc.vertx().<Optional<String>>executeBlocking(
                promise -> promise.complete(answer.apply(args.isEmpty() ? null : args.get(0), catalog.get())), false,
                result -> {
                    if (result.failed()) {
                        send(rc, 500, TEXT, bytes(String.valueOf(result.cause())));
                    } else if (result.result().isEmpty()) {
                        send(rc, 404, JSON, bytes("{\"error\":\"no run or study with this id\"}"));
                    } else {
                        send(rc, 200, JSON, bytes(result.result().get()));
                    }
                }));
    }

    private static void asset(RoutingContext rc, String name) {
        Asset asset = ASSETS.get(name);
        if (asset == null) {
            send(rc, 404, TEXT, bytes("no file " + name));
        } else {
            send(rc, 200, asset.type(), asset.content());
        }
    }

    private static void send(RoutingContext rc, int status, String type, byte[] body) {
        rc.response().setStatusCode(status).putHeader("content-type", type).putHeader("cache-control", "no-store")
                .end(Buffer.buffer(body));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public List<String> getCallbackTypeIDs() {
        return List.of();
    }

    @Override
    public void reportStorageEvents(Collection<StatsStorageEvent> events) {
        // run folders, not statistics events, are what the pages show
    }

    @Override
    public void onAttach(StatsStorage statsStorage) {
        // the statistics a run attaches are DL4J's pages'; regzoo's read the run folder
    }

    @Override
    public void onDetach(StatsStorage statsStorage) {
        // as onAttach
    }

    @Override
    public List<I18NResource> getInternationalizationResources() {
        return List.of();
    }
}
