-- Request tracking (PostgreSQL): the secret each Radarr, Sonarr or Seerr instance signs its webhooks
-- with, sealed with the server key like service secrets, and the downloads (torrent hashes) the
-- *arr apps grabbed for a request, so people can be shown the downloads of their own requests.
CREATE TABLE webhook_secrets (
    service_id BIGINT  PRIMARY KEY REFERENCES services (id) ON DELETE CASCADE,
    secret     TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);

CREATE TABLE request_downloads (
    request_id  BIGINT  NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    download_id TEXT    NOT NULL,
    service_id  BIGINT  REFERENCES services (id) ON DELETE SET NULL,
    grabbed_at  BIGINT  NOT NULL,
    PRIMARY KEY (request_id, download_id)
);
CREATE INDEX request_downloads_by_download ON request_downloads (download_id);
