package dev.medianest.features.accounts;

/** What a person may administer: ADMIN manages users and services; USER uses what their permissions allow. */
public enum Role {
    ADMIN, USER
}
