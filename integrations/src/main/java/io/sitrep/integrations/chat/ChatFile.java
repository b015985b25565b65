package io.sitrep.integrations.chat;

/**
 * A document a command hands back ({@code export}): platforms that take files upload it, the
 * console says where it was written.
 */
public record ChatFile(String fileName, String mediaType, String content) {
}
