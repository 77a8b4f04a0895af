import type { Duplex } from 'node:stream';

/**
 * Coalesces the frames written to a socket during one turn of the event loop into one write:
 * the first write of a turn corks the socket, and one `setImmediate` uncorks every corked socket
 * after the turn's I/O callbacks ran. When several REST triggers are handled in the same turn,
 * each subscriber gets one `writev` syscall for all of them instead of one syscall per event —
 * the syscall, not JavaScript, is what a broadcast spends its time on.
 */
export class WriteCoalescer {
  /** Sockets corked this turn → their unflushed bytes when the turn began writing to them. */
  private corked = new Map<Duplex, number>();
  private readonly flushBound = (): void => this.flush();

  /** Writes `bytes` to `socket`, corking it until the end of this turn. */
  write(socket: Duplex, bytes: Buffer): void {
    if (!this.corked.has(socket)) {
      if (this.corked.size === 0) setImmediate(this.flushBound);
      this.corked.set(socket, socket.writableLength);
      socket.cork();
    }
    socket.write(bytes);
  }

  /**
   * What the peer has not taken yet: bytes still queued from earlier turns. This turn's own writes
   * are left out — they are only waiting for the end of the turn, not for a slow reader.
   */
  backlog(socket: Duplex): number {
    return this.corked.get(socket) ?? socket.writableLength;
  }

  private flush(): void {
    const sockets = this.corked;
    this.corked = new Map();
    for (const socket of sockets.keys()) {
      // end() and destroy() already released a closed socket; uncork the rest.
      if (socket.writableCorked > 0) socket.uncork();
    }
  }
}

/** One per process: every connection of every app shares the end-of-turn flush. */
export const writeCoalescer = new WriteCoalescer();
