import CCurl
import Foundation
import Synchronization

/// `curl_global_init` is not thread-safe; a global is initialised once, atomically, on first use.
private let curlGlobalInitialization: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

/// Drives every libcurl transfer of the process on one dedicated thread through the multi interface,
/// so any number of requests can be in flight without blocking a thread of Swift's cooperative pool.
/// Transfers are handed over through a lock; cancellation and per-event deadlines are checked on
/// every turn of the loop.
final class CurlMultiLoop: @unchecked Sendable {
    static let shared = CurlMultiLoop()

    /// Touched from any thread: only `curl_multi_wakeup`, which libcurl documents as thread-safe.
    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex<[CurlTransfer]>([])
    /// Touched only on the loop thread.
    private var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    private init() {
        _ = curlGlobalInitialization
        multi = curl_multi_init()
        let thread = Thread { [unowned self] in self.run() }
        thread.name = "conform-curl"
        thread.start()
    }

    func start(_ transfer: CurlTransfer) {
        inbox.withLock { $0.append(transfer) }
        wake()
    }

    /// Makes the loop look at its transfers now rather than at its next timeout.
    func wake() {
        curl_multi_wakeup(multi)
    }

    private func run() {
        var active: Int32 = 0
        while true {
            admitNewTransfers()
            curl_multi_perform(multi, &active)
            collectFinishedTransfers()
            let wait = abortOverdueTransfers()
            curl_multi_poll(multi, nil, 0, Int32(wait), nil)
        }
    }

    private func admitNewTransfers() {
        let arrivals = inbox.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        for transfer in arrivals {
            if let reason = transfer.abortReason(at: .now) {
                transfer.finish(abortedBecause: reason)
                transfer.releaseHandle()
                continue
            }
            let code = curl_multi_add_handle(multi, transfer.easy)
            if code == CURLM_OK {
                running[transfer.easy] = transfer
            } else {
                let message = String(cString: curl_multi_strerror(code))
                transfer.finish(abortedBecause: TransportError(kind: .other, message: message))
                transfer.releaseHandle()
            }
        }
    }

    private func collectFinishedTransfers() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                let transfer = running.removeValue(forKey: easy)
            else { continue }
            let result = ccurl_message_result(message)
            curl_multi_remove_handle(multi, easy)
            transfer.finish(result: result)
            transfer.releaseHandle()
        }
    }

    /// Aborts cancelled transfers and streams whose next event is overdue; returns how long the loop
    /// may sleep, in milliseconds, before a deadline needs checking again.
    private func abortOverdueTransfers() -> Int {
        let now = ContinuousClock.now
        var wait = running.isEmpty ? 1_000 : 250
        for (easy, transfer) in running {
            if let reason = transfer.abortReason(at: now) {
                running.removeValue(forKey: easy)
                curl_multi_remove_handle(multi, easy)
                transfer.finish(abortedBecause: reason)
                transfer.releaseHandle()
            } else if let deadline = transfer.nextDeadline {
                let remaining = now.duration(to: deadline)
                wait = min(wait, max(1, Int(remaining.components.seconds * 1_000 + remaining.components.attoseconds / 1_000_000_000_000_000) + 1))
            }
        }
        return wait
    }
}
