/**
 * Rooms, channels, subscriptions and the typed notifications an in-process subscriber receives.
 */
package dev.herald.realtime;
