package dev.regzoo.spark;

import java.util.Collection;
import java.util.List;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;

/**
 * Sends every statistic to several routers, e.g. the run folder's {@code stats.bin} and a remote UI. Written by hand:
 * DL4J's training masters take one router, and DL4J has no router that forwards to others.
 */
final class TeeStatsRouter implements StatsStorageRouter {

    private final List<StatsStorageRouter> routers;

    TeeStatsRouter(List<StatsStorageRouter> routers) {
        this.routers = List.copyOf(routers);
    }

    @Override
    public void putStorageMetaData(StorageMetaData metaData) {
        routers.forEach(r -> r.putStorageMetaData(metaData));
    }

    @Override
    public void putStorageMetaData(Collection<? extends StorageMetaData> metaData) {
        routers.forEach(r -> r.putStorageMetaData(metaData));
    }

    @Override
    public void putStaticInfo(Persistable staticInfo) {
        routers.forEach(r -> r.putStaticInfo(staticInfo));
    }

    @Override
    public void putStaticInfo(Collection<? extends Persistable> staticInfo) {
        routers.forEach(r -> r.putStaticInfo(staticInfo));
    }

    @Override
    public void putUpdate(Persistable update) {
        routers.forEach(r -> r.putUpdate(update));
    }

    @Override
    public void putUpdate(Collection<? extends Persistable> updates) {
        routers.forEach(r -> r.putUpdate(updates));
    }
}
