package studio.dqn.interop;

/** An ONNX export failed; the message says why in plain words and that nothing was written. */
public final class OnnxExportException extends Exception {

    private static final long serialVersionUID = 1L;

    public OnnxExportException(String message) {
        super(message);
    }

    public OnnxExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
