/**
 * Kuzzle's request and error model for host-defined actions: {@link dev.herald.api.Request},
 * {@link dev.herald.api.ActionHandler}, {@link dev.herald.api.ApiException} and the error catalogue
 * {@link dev.herald.api.KuzzleError}.
 */
package dev.herald.api;
