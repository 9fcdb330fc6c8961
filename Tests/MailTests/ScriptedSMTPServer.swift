import NIOCore
import NIOPosix

/// A misbehaving relay on 127.0.0.1, for what aiosmtpd will not do: never answer, answer garbage, or push
/// bytes after agreeing to STARTTLS. It sends `greeting` (if any) on connect, then for each line it receives
/// does what `answer` says.
final class ScriptedSMTPServer: Sendable {
    enum Action: Sendable {
        case reply(String)
        case close
        case nothing
    }

    let port: Int
    private let channel: any Channel

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
    }

    static func start(greeting: String?, answer: @escaping @Sendable (String) -> Action = { _ in .nothing })
        async throws
        -> ScriptedSMTPServer
    {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Script(greeting: greeting, answer: answer))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw ChannelError.unknownLocalAddress }
        return ScriptedSMTPServer(port: port, channel: channel)
    }

    func stop() async throws {
        try await channel.close()
    }

    /// Runs `body` with a server, stopping it afterwards.
    static func with<T>(
        greeting: String?, answer: @escaping @Sendable (String) -> Action = { _ in .nothing },
        _ body: (ScriptedSMTPServer) async throws -> T
    ) async throws -> T {
        let server = try await start(greeting: greeting, answer: answer)
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    private final class Script: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let greeting: String?
        let answer: @Sendable (String) -> Action
        var pending: [UInt8] = []

        init(greeting: String?, answer: @escaping @Sendable (String) -> Action) {
            self.greeting = greeting
            self.answer = answer
        }

        func channelActive(context: ChannelHandlerContext) {
            if let greeting { send(greeting, context: context) }
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            pending += buffer.readBytes(length: buffer.readableBytes) ?? []
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                let command = line.hasSuffix("\r") ? String(line.dropLast()) : line
                switch answer(command) {
                case .reply(let text): send(text, context: context)
                case .close: context.close(promise: nil)
                case .nothing: break
                }
            }
        }

        private func send(_ text: String, context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text)), promise: nil)
        }
    }
}
