package studio.dqn.render;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import studio.dqn.env.CartPoleState;

/**
 * Renders a list of states as a looping animated GIF, one frame per environment step at 50 fps
 * (gym's 0.02 s step), each frame drawn by {@link CartPoleScene} on a Java2D surface. The few
 * colours keep each frame small (indexed colour, LZW).
 */
public final class EpisodeGif {

    /** GIF delays are in hundredths of a second: 2 = 0.02 s = 50 fps. */
    public static final int DELAY_CENTISECONDS = 2;

    private EpisodeGif() {
    }

    /** Frames with an optional caption per frame ({@code captions} may be null). */
    public static byte[] encode(List<CartPoleState> states, List<String> captions, int width, int height)
            throws IOException {
        if (states.isEmpty()) {
            throw new IllegalArgumentException("an episode GIF needs at least one frame");
        }
        ImageIO.setUseCache(false);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
            BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < states.size(); i++) {
                Graphics2D g = rgb.createGraphics();
                try {
                    CartPoleScene.draw(new Java2DSurface(g), width, height, 1.0, states.get(i),
                            captions == null ? null : captions.get(i));
                } finally {
                    g.dispose();
                }
                Graphics2D fg = frame.createGraphics();
                fg.drawImage(rgb, 0, 0, null);
                fg.dispose();
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
                configure(meta, i == 0);
                writer.writeToSequence(new IIOImage(frame, null, meta), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static void configure(IIOMetadata meta, boolean first) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(DELAY_CENTISECONDS));
        gce.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // loop forever
            apps.appendChild(app);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
