import Synchronization

/// A fixed number of relaxed atomic counters in one allocation (an `Atomic` cannot be an Array's
/// element: it is not copyable).
///
/// `@unchecked Sendable`: the slots are allocated and initialized in `init`, freed in `deinit`,
/// and in between only ever touched through `Atomic` operations.
public final class AtomicCounterArray: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Atomic<Int>>
    public let count: Int

    public init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        for index in 0..<count { (slots + index).initialize(to: Atomic(0)) }
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    @inline(__always)
    public func add(_ amount: Int = 1, at index: Int) {
        slots[index].add(amount, ordering: .relaxed)
    }

    public subscript(index: Int) -> Int { slots[index].load(ordering: .relaxed) }
}
