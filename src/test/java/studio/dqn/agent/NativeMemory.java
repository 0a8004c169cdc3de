package studio.dqn.agent;

import org.bytedeco.javacpp.Pointer;

/**
 * Off-heap memory as JavaCPP sees it, for leak tests outside the agent package (which must not
 * import JavaCPP themselves: the agent is the only package that talks to DL4J, ND4J and JavaCPP).
 */
public final class NativeMemory {

    private NativeMemory() {
    }

    /** Bytes held by live JavaCPP allocations with a deallocator (BLAS buffers, ND4J's host buffers). */
    public static long trackedBytes() {
        return Pointer.totalBytes();
    }

    /** The process's resident memory (heap, native libraries, everything), as the OS reports it. */
    public static long physicalBytes() {
        return Pointer.physicalBytes();
    }

    /**
     * Collects garbage and frees what JavaCPP's reference queue holds, a few rounds (a collected
     * buffer reaches the queue through the JVM's reference handler, not at once); returns the tracked
     * bytes that remain, i.e. the buffers something still references.
     */
    public static long settledTrackedBytes() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(20); // lets the reference handler enqueue; not a timing assertion
            Pointer.deallocateReferences();
        }
        return Pointer.totalBytes();
    }
}
