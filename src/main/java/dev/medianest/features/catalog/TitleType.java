package dev.medianest.features.catalog;

/** What kind of work a title is. */
public enum TitleType { MOVIE, SERIES, BOOK }
