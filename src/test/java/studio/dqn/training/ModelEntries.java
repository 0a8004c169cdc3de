package studio.dqn.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A structure-aware form of a model file for fuzzing: a list of entries, each
 * {@code [name byte][flags byte][length: 3 bytes little-endian][content]}, packed into a real zip
 * before the loader sees it. A byte-level fuzzer mutating a deflated zip mostly breaks checksums
 * and never reaches the manifest; mutating this form changes the JSON and the arrays themselves,
 * while names, sizes and compression stay under its control too.
 *
 * <p>Name byte {@code n}: entry {@code NAMES[n % 10]} (the last is one a model never has). Flags
 * bit 0: stored instead of deflated. A length past the end takes what is left; a repeated name is
 * skipped (a zip cannot hold it twice).
 */
public final class ModelEntries {

    static final List<String> NAMES = List.of("manifest.json", "parameters.f32", "updater.f32", "experiences.bin",
            "history.json", "target.f32", "best.f32", "modern.json", "replay.bin", "notes.txt");

    private ModelEntries() {
    }

    /** The zip file these fuzz bytes describe. */
    public static byte[] toZip(byte[] recipe) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            Set<String> seen = new HashSet<>();
            int at = 0;
            while (at + 2 <= recipe.length) {
                String name = NAMES.get((recipe[at] & 0xFF) % NAMES.size());
                boolean stored = (recipe[at + 1] & 1) != 0;
                at += 2;
                int length = 0;
                for (int i = 0; i < 3 && at < recipe.length; i++, at++) {
                    length |= (recipe[at] & 0xFF) << (8 * i);
                }
                length = Math.min(length, recipe.length - at);
                byte[] content = java.util.Arrays.copyOfRange(recipe, at, at + length);
                at += length;
                if (!seen.add(name)) {
                    continue;
                }
                ZipEntry e = new ZipEntry(name);
                e.setTime(0);
                if (stored) {
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(content.length);
                    e.setCompressedSize(content.length);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                zip.write(content);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The fuzz bytes of a real model file: its entries in its own order, deflated. */
    public static byte[] fromModelFile(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                byte[] content = zip.getInputStream(e).readAllBytes();
                out.write(NAMES.indexOf(e.getName()));
                out.write(0);
                out.write(content.length & 0xFF);
                out.write((content.length >> 8) & 0xFF);
                out.write((content.length >> 16) & 0xFF);
                out.write(content);
            }
        }
        return out.toByteArray();
    }
}
