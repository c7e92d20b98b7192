package dev.medianest.features.requests;

import java.util.Optional;
import java.util.Set;

/**
 * The advanced choices of a request: which instance, quality profile, root folder and tags. Only
 * admins and people with the REQUEST_ADVANCED permission may set them; empty means the instance's
 * configured defaults.
 */
public record RequestOptions(Optional<Long> serviceId, Optional<Integer> qualityProfileId, Optional<String> rootFolder, Set<Integer> tags) {

    public RequestOptions {
        if (serviceId == null || qualityProfileId == null || rootFolder == null || tags == null) {
            throw new IllegalArgumentException("options may be empty but not missing");
        }
        if (serviceId.isPresent() && serviceId.get() <= 0 || qualityProfileId.isPresent() && qualityProfileId.get() <= 0) {
            throw new IllegalArgumentException("instance and quality profile ids are positive");
        }
        rootFolder = rootFolder.map(String::strip).filter(folder -> !folder.isEmpty());
        if (rootFolder.isPresent() && (rootFolder.get().length() > 1024 || rootFolder.get().chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("a root folder is a path of at most 1024 printable characters");
        }
        if (tags.stream().anyMatch(tag -> tag == null || tag <= 0) || tags.size() > 20) {
            throw new IllegalArgumentException("at most 20 tags, each a positive id");
        }
        tags = Set.copyOf(tags);
    }

    public static RequestOptions defaults() {
        return new RequestOptions(Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
    }

    public boolean isDefault() {
        return serviceId.isEmpty() && qualityProfileId.isEmpty() && rootFolder.isEmpty() && tags.isEmpty();
    }
}
