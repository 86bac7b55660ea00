package io.callsight.dialog.slots;

/** Which dates a date slot accepts, relative to the day of the call. */
public enum DateRange {
    /** Any calendar date; a date said without a year is taken as the next one to come. */
    ANY,
    /** Today or earlier (dates of birth); the year must be said, since it cannot be guessed. */
    PAST,
    /** Today or later (appointments); a date without a year is the next one to come. */
    FUTURE
}
