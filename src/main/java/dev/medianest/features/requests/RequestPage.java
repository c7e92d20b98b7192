package dev.medianest.features.requests;

import java.util.List;

/** One page of requests and how many match the filter in all. */
public record RequestPage(List<MediaRequest> requests, int total) {

    public RequestPage {
        requests = List.copyOf(requests);
    }
}
