/**
 * rtnetlink, the kernel's routing socket protocol, in two layers: a pure codec and the sockets.
 *
 * <p><b>The codec has no I/O.</b> {@link dev.petrel.fib.netlink.NlMsgHdr}, {@link dev.petrel.fib.netlink.RtAttr},
 * {@link dev.petrel.fib.netlink.RtMsg}, {@link dev.petrel.fib.netlink.RouteMessages},
 * {@link dev.petrel.fib.netlink.LinkMessages}, {@link dev.petrel.fib.netlink.AddressMessages},
 * {@link dev.petrel.fib.netlink.NlMsgErr} and {@link dev.petrel.fib.netlink.DumpRequests} read and write
 * {@code ByteBuffer}s in host byte order, named after {@code linux/netlink.h} and {@code linux/rtnetlink.h}.
 * Keeping the kernel out of them means every layout is tested against bytes a real kernel produced (see
 * {@code src/test/resources/netlink/capture.py}), byte for byte both ways, without root, and that the batching
 * and error handling above can be reasoned about apart from the syscalls. The decoders trust nothing: a length
 * that runs past its container, a truncated header or a short attribute raises
 * {@link dev.petrel.fib.netlink.MalformedNetlinkException} naming what was wrong, never an index error, so a bad
 * message is reported and skipped instead of killing the thread that read it. Unknown attributes are skipped,
 * which is how the kernel keeps adding them without breaking old readers. Decoding allocates the decoded value
 * and nothing else; headers and attributes are read in place by offset.
 *
 * <p><b>The sockets.</b> {@link dev.petrel.fib.netlink.NetlinkSocket} is libc through jnr-ffi: {@code socket},
 * {@code bind}, {@code setsockopt}, {@code send}, {@code recv} and {@code recvmmsg} on direct buffers the kernel
 * reads and fills in place. One thread owns a socket: the FIB thread the request socket (writes and dumps), the
 * monitor thread the socket in the route, link and address groups. Netlink has no notion of whose request an
 * answer belongs to beyond the sequence number, so sharing a socket between threads would mean sharing its
 * answers; two sockets keep the two conversations apart. {@link dev.petrel.fib.netlink.NetNs} opens sockets
 * inside a named network namespace from a short-lived thread, because {@code setns} moves a thread and a socket
 * keeps the namespace it was born in.
 *
 * <p><b>ENOBUFS.</b> When a notification does not fit in the monitor socket's receive buffer the kernel drops it
 * and the next {@code recv} fails with {@code ENOBUFS}. What was lost cannot be asked for again, so the monitor
 * reports {@link dev.petrel.fib.kernel.KernelEvent.Overrun} and the owner re-reads the kernel's state with a dump
 * (a malformed notification is treated the same way). The buffer size is the caller's trade between memory and
 * how often that happens. On the request socket an ENOBUFS means answers to our own requests were lost; there,
 * the requests in flight are bounded so that their answers always fit, and should some be lost anyway the writer
 * reports those requests' outcome as unknown (see {@code RtNetlinkKernel}).
 */
package dev.petrel.fib.netlink;
