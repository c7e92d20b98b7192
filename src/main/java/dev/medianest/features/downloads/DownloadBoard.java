package dev.medianest.features.downloads;

import dev.medianest.features.services.ServiceCatalog;
import dev.medianest.features.services.ServiceConnector;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Downloads use case: the torrents of every configured download client, one group per
 * instance, and the actions on one torrent of one instance. A client that fails to answer becomes
 * one failed group with its reason; the others still list.
 */
public final class DownloadBoard {

    /** The torrents of one client instance, or why they could not be listed. */
    public sealed interface Group {
        ServiceInstance instance();
    }

    public record Listed(ServiceInstance instance, Capabilities capabilities, List<Torrent> torrents) implements Group {
        public Listed {
            torrents = List.copyOf(torrents);
        }
    }

    public record Failed(ServiceInstance instance, ServiceProblem problem) implements Group {
    }

    /** What can be done to one torrent. */
    public enum Action { PAUSE, RESUME, RECHECK, REMOVE, REMOVE_WITH_DATA }

    private final ServiceCatalog catalog;

    public DownloadBoard(ServiceCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** Every configured download-client instance. */
    public List<ServiceInstance> clients() {
        return catalog.list().stream().filter(instance -> connectorOf(instance) != null).toList();
    }

    /** The groups of every client, asked in parallel so a slow one does not hold the others up. */
    public List<Group> groups() {
        List<ServiceInstance> clients = clients();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Group>> futures = new ArrayList<>();
            for (ServiceInstance instance : clients) {
                futures.add(pool.submit(() -> list(instance)));
            }
            List<Group> groups = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    groups.add(futures.get(i).get());
                } catch (ExecutionException | InterruptedException e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    groups.add(new Failed(clients.get(i), ServiceProblem.of("error.remote_failed", clients.get(i).name(),
                            clients.get(i).baseUrl().toString())));
                }
            }
            return groups;
        }
    }

    /** The group of one instance; NOT_FOUND when it is not a configured download client. */
    public Group group(long instanceId) {
        return list(instance(instanceId));
    }

    /** Adds a torrent; one with a category is refused, before the client sees it, by a client without categories. */
    public String add(long instanceId, AddTorrent torrent) {
        Objects.requireNonNull(torrent, "torrent");
        ServiceInstance instance = instance(instanceId);
        DownloadClient client = client(instance);
        if (torrent.category().isPresent()) {
            requireCategories(instance, client);
        }
        return client.add(torrent);
    }

    public void act(long instanceId, String hash, Action action) {
        DownloadClient client = client(instance(instanceId));
        String checked = hash(hash);
        switch (action) {
            case PAUSE -> client.pause(checked);
            case RESUME -> client.resume(checked);
            case RECHECK -> {
                requireCapability(client.capabilities().recheck());
                client.recheck(checked);
            }
            case REMOVE -> client.remove(checked, false);
            case REMOVE_WITH_DATA -> client.remove(checked, true);
        }
    }

    /** Sets or (with an empty text) clears the category; a category with '/' or '\' is refused. */
    public void setCategory(long instanceId, String hash, String category) {
        DownloadClient client = client(instance(instanceId));
        String checked = hash(hash);
        String text = category == null ? "" : category.strip();
        if (!text.isEmpty() && !AddTorrent.validCategory(text)) {
            throw AppException.invalid("category", "validation.download.category");
        }
        requireCategories(instance(instanceId), client);
        client.setCategory(checked, text);
    }

    public void pauseAll(long instanceId) {
        DownloadClient client = client(instance(instanceId));
        requireCapability(client.capabilities().pauseAll());
        client.pauseAll();
    }

    public void resumeAll(long instanceId) {
        DownloadClient client = client(instance(instanceId));
        requireCapability(client.capabilities().pauseAll());
        client.resumeAll();
    }

    private Group list(ServiceInstance instance) {
        try {
            DownloadClient client = client(instance);
            return new Listed(instance, client.capabilities(), client.torrents());
        } catch (AppException failure) {
            return new Failed(instance, DownloadClient.reasonOf(failure));
        } catch (RuntimeException failure) {
            return new Failed(instance, ServiceProblem.of("error.remote_failed", instance.name(), instance.baseUrl().toString()));
        }
    }

    private ServiceInstance instance(long id) {
        ServiceInstance instance = catalog.find(id).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
        if (connectorOf(instance) == null) {
            throw new AppException(ErrorCode.NOT_FOUND);
        }
        return instance;
    }

    private DownloadClient client(ServiceInstance instance) {
        return Objects.requireNonNull(connectorOf(instance), "connector").client(instance);
    }

    private DownloadConnector connectorOf(ServiceInstance instance) {
        try {
            ServiceConnector connector = catalog.connector(instance.kind());
            return connector instanceof DownloadConnector downloads ? downloads : null;
        } catch (AppException noConnector) {
            return null;
        }
    }

    private static String hash(String hash) {
        if (!Torrent.isHash(hash)) {
            throw new AppException(ErrorCode.NOT_FOUND);
        }
        return hash.toLowerCase(java.util.Locale.ROOT);
    }

    /** Transmission before 3.00 has no labels, Deluge none without its Label plugin: the error names the client. */
    private static void requireCategories(ServiceInstance instance, DownloadClient client) {
        if (!client.capabilities().categories()) {
            throw new AppException(ErrorCode.VALIDATION_FAILED, Map.of("category", "validation.download.categories_unsupported"),
                    instance.name(), instance.kind().displayName());
        }
    }

    private static void requireCapability(boolean supported) {
        if (!supported) {
            throw AppException.invalid("action", "validation.download.unsupported");
        }
    }
}
