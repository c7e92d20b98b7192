package dev.medianest.integrations.arr;

import dev.medianest.features.services.ServiceField;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.http.RemoteHttp;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What every *arr instance's settings hold, read from its saved options and checked on construction:
 * the API key (the one secret, never printed), and the defaults for new titles — quality profile,
 * root folder, tags ("3,5": tag ids, as the live tag list offers them).
 */
public record ArrSettings(RemoteHttp.Endpoint endpoint, String apiKey, Optional<Integer> qualityProfileId,
                          Optional<String> rootFolder, Set<Integer> tags) {

    /** The form fields behind these settings, which every *arr connector's form starts from. */
    public static final ServiceField API_KEY = ServiceField.secret("apiKey", "service.field.api_key", true);
    public static final ServiceField QUALITY_PROFILE = ServiceField.live("qualityProfileId", "service.field.quality_profile", "qualityProfiles");
    public static final ServiceField ROOT_FOLDER = ServiceField.live("rootFolder", "service.field.root_folder", "rootFolders");
    public static final ServiceField TAGS = ServiceField.live("tags", "service.field.tags", "tags");

    public ArrSettings {
        if (apiKey == null) {
            throw new IllegalArgumentException("an *arr instance needs its API key");
        }
        if (tags.stream().anyMatch(tag -> tag <= 0)) {
            throw new IllegalArgumentException("tag ids are positive");
        }
        tags = Set.copyOf(tags);
    }

    public static ArrSettings of(ServiceInstance instance) {
        return new ArrSettings(ArrConnectorChecks.endpoint(instance), ArrConnectorChecks.apiKey(instance),
                positiveNumber(instance, QUALITY_PROFILE.name()), instance.option(ROOT_FOLDER.name()), numbers(instance, TAGS.name()));
    }

    /** An option holding one id (a profile chosen from a live list); a value that is no positive number is a form error. */
    public static Optional<Integer> positiveNumber(ServiceInstance instance, String option) {
        return instance.option(option).map(text -> {
            try {
                int value = Integer.parseInt(text.strip());
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException notNumber) {
                // reported below
            }
            throw AppException.invalid(option, "validation.service.choice");
        });
    }

    private static Set<Integer> numbers(ServiceInstance instance, String option) {
        return instance.option(option).map(text -> Arrays.stream(text.split(",")).map(String::strip).filter(part -> !part.isEmpty())
                .map(part -> {
                    try {
                        return Integer.parseInt(part);
                    } catch (NumberFormatException notNumber) {
                        throw AppException.invalid(option, "validation.service.choice");
                    }
                }).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    /** The quality profile for a new title: the one asked for, else the default, else the instance's only one. */
    public int qualityProfile(Optional<Integer> asked, ArrApi api) {
        return choose(asked, qualityProfileId, () -> api.qualityProfiles(endpoint, apiKey), ArrApi.QualityProfile::id,
                QUALITY_PROFILE.name(), "validation.arr.quality_profile_missing");
    }

    /** The root folder for a new title: the one asked for, else the default, else the only one the application can reach. */
    public String rootFolder(Optional<String> asked, ArrApi api) {
        return choose(asked, rootFolder, () -> api.rootFolders(endpoint, apiKey).stream().filter(ArrApi.RootFolder::accessible).toList(),
                ArrApi.RootFolder::path, ROOT_FOLDER.name(), "validation.arr.root_folder_missing");
    }

    /** The instance's default tags with the ones asked for, in order. */
    public List<Integer> tagsWith(Set<Integer> asked) {
        return Stream.concat(tags.stream(), asked.stream()).distinct().sorted().toList();
    }

    /**
     * The value to use for a setting of a new title: the one asked for, else the instance's default,
     * else the instance's only candidate (asked for only when needed); with several candidates and no
     * choice, the person must choose.
     */
    public static <T, V> V choose(Optional<V> asked, Optional<V> configured, Supplier<List<T>> candidatesOnRequest, Function<T, V> value,
                                  String field, String missingKey) {
        if (asked.isPresent()) {
            return asked.get();
        }
        if (configured.isPresent()) {
            return configured.get();
        }
        List<T> candidates = candidatesOnRequest.get();
        if (candidates.size() == 1) {
            return value.apply(candidates.getFirst());
        }
        throw AppException.invalid(field, missingKey);
    }

    @Override
    public String toString() {
        return "ArrSettings[endpoint=" + endpoint + ", apiKey=(hidden), qualityProfileId=" + qualityProfileId
                + ", rootFolder=" + rootFolder + ", tags=" + tags + "]";
    }
}
