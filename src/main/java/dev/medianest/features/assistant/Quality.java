package dev.medianest.features.assistant;

/** A video resolution a message asks for ("4K", "UHD", "4к" → 2160p; "full hd", "1080" → 1080p). */
public enum Quality {
    P2160("2160p"), P1080("1080p"), P720("720p");

    private final String wireName;

    Quality(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether a request with this quality goes to the 4K instance. */
    public boolean fourK() {
        return this == P2160;
    }
}
