/**
 * Readarr, the *arr application for books (spec: readarr-v1.openapi.json in ../shared/specs).
 * The Readarr project was retired upstream and its repository archived on 2025-06-27; its last
 * releases (0.4.x) are still widely run, and their API v1 is frozen, so this integration stays.
 */
package dev.medianest.integrations.readarr;
