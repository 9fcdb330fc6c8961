import NIOCore
import NIOSSL

/// Frames the relay's bytes into ``SMTPReply`` values and commands into bytes, on the channel's event loop.
///
/// It also keeps the reply timeout (a timer runs whenever a reply is due, restarted by each reply) and, when a
/// 220 answers STARTTLS, puts TLS in front of itself before any further byte is read.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = SMTPReply
    typealias OutboundIn = SMTPCommand
    typealias OutboundOut = ByteBuffer

    /// What STARTTLS needs: the client TLS context and the name to send and check (nil for an IP address).
    struct StartTLS {
        let context: NIOSSLContext
        let serverHostname: String?
    }

    private let replyTimeout: Duration
    private let startTLS: StartTLS?
    private var parser = SMTPReplyParser()
    private var buffer = ByteBuffer()
    // The greeting is due as soon as the connection is up.
    private var repliesDue = 1
    private var awaiting = "the greeting"
    private var timer: Scheduled<Void>?
    private var upgradeRequested = false
    private var failed = false

    init(replyTimeout: Duration, startTLS: StartTLS?) {
        self.replyTimeout = replyTimeout
        self.startTLS = startTLS
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { armTimer(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        armTimer(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        var bytes = unwrapInboundIn(data)
        buffer.writeBuffer(&bytes)
        do {
            while let reply = try parser.next(from: &buffer) {
                repliesDue = max(0, repliesDue - 1)
                timer?.cancel()
                timer = nil
                if repliesDue > 0 { armTimer(context: context) }
                if upgradeRequested {
                    upgradeRequested = false
                    if reply.code == 220 {
                        try upgrade(context: context)
                        // TLS now sits in front and passes on a read-complete only after decrypted data, so
                        // this one is sent here, or the 220 would wait in the async channel's buffer.
                        context.fireChannelRead(wrapInboundOut(reply))
                        context.fireChannelReadComplete()
                        return
                    }
                }
                context.fireChannelRead(wrapInboundOut(reply))
            }
            buffer.discardReadBytes()
        } catch {
            fail(context: context, error)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let command = unwrapOutboundIn(data)
        repliesDue += 1
        awaiting = command.name
        if command.startsTLS { upgradeRequested = true }
        if timer == nil { armTimer(context: context) }
        context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: command.bytes)), promise: promise)
    }

    // CVE-2011-0411 and its kin: bytes that arrived with the plaintext 220 would be read as if they came over
    // TLS. Nothing may follow the 220 until the handshake starts.
    private func upgrade(context: ChannelHandlerContext) throws {
        guard let startTLS else { throw SMTPError.malformedReply("a STARTTLS reply arrived unasked") }
        guard buffer.readableBytes == 0, !parser.isMidReply else {
            throw SMTPError(
                .tlsFailed, command: "STARTTLS", detail: "the SMTP relay sent data after agreeing to STARTTLS")
        }
        let tls: NIOSSLClientHandler
        do {
            tls = try NIOSSLClientHandler(context: startTLS.context, serverHostname: startTLS.serverHostname)
        } catch {
            throw SMTPError(
                .tlsFailed, command: "STARTTLS", detail: "could not start TLS with the SMTP relay: \(error)")
        }
        try context.pipeline.syncOperations.addHandler(tls, position: .first)
    }

    private func armTimer(context: ChannelHandlerContext) {
        guard timer == nil, !failed else { return }
        let nanoseconds =
            replyTimeout.components.seconds * 1_000_000_000 + replyTimeout.components.attoseconds
            / 1_000_000_000
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(nanoseconds)) { [self] in
            self.timer = nil
            self.fail(context: context, SMTPError.timedOut(waitingFor: self.awaiting, after: self.replyTimeout))
        }
    }

    private func fail(context: ChannelHandlerContext, _ error: any Error) {
        guard !failed else { return }
        failed = true
        timer?.cancel()
        timer = nil
        context.fireErrorCaught(error)
        context.close(promise: nil)
    }
}
