/// The dynamic table (RFC 7541 §2.3.2, §4): a ring of fields, newest at index 1, whose size (each
/// field's octets plus 32, §4.1) never exceeds `capacity`; the oldest fields go first to make room.
struct DynamicTable: Sendable {
    /// The maximum size: the last dynamic table size update, or the initial setting.
    private(set) var capacity: Int
    /// Sum of the entries' sizes (§4.1).
    private(set) var size = 0
    private(set) var count = 0
    /// Fields ever inserted; the newest has insertion number `insertions - 1`. Lets the encoder name
    /// an entry by something that does not shift as others arrive.
    private(set) var insertions = 0

    private var ring: [HPACKField] = []
    /// Position in `ring` of the oldest entry.
    private var oldest = 0

    private static let vacant = HPACKField(name: [], value: [])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The entry at `index`, 1 (newest) through `count` (oldest).
    subscript(index: Int) -> HPACKField {
        ring[(oldest + count - index) % ring.count]
    }

    /// Index (1 is newest) of the entry inserted as number `insertion`, if it is still in the table.
    func index(ofInsertion insertion: Int) -> Int? {
        let index = insertions - insertion
        return index <= count ? index : nil
    }

    /// A dynamic table size update (§4.3): evicts until the entries fit.
    mutating func setCapacity(_ newCapacity: Int) {
        var unobserved = Unobserved()
        setCapacity(newCapacity, observer: &unobserved)
    }

    mutating func setCapacity<Observer: EvictionObserver>(_ newCapacity: Int, observer: inout Observer) {
        capacity = newCapacity
        evict(toFit: 0, observer: &observer)
    }

    mutating func insert(_ field: HPACKField) {
        var unobserved = Unobserved()
        insert(field, observer: &unobserved)
    }

    /// Adds `field` as the newest entry, evicting the oldest ones to make room. A field larger than the
    /// capacity is not an error: it empties the table and is not added (§4.4).
    mutating func insert<Observer: EvictionObserver>(_ field: HPACKField, observer: inout Observer) {
        evict(toFit: field.size, observer: &observer)
        guard field.size <= capacity else { return }
        insertions += 1
        if count == ring.count { growRing() }
        ring[(oldest + count) % ring.count] = field
        count += 1
        size += field.size
    }

    /// Evicts oldest entries until `incoming` more octets fit, reporting each with its insertion number.
    private mutating func evict<Observer: EvictionObserver>(toFit incoming: Int, observer: inout Observer) {
        while count > 0 && size + incoming > capacity {
            let evicted = ring[oldest]
            ring[oldest] = Self.vacant
            observer.didEvict(evicted, insertion: insertions - count)
            oldest = (oldest + 1) % ring.count
            count -= 1
            size -= evicted.size
        }
    }

    /// Doubles the ring, laying the entries out oldest first from position 0.
    private mutating func growRing() {
        var grown = [HPACKField]()
        grown.reserveCapacity(max(8, ring.count * 2))
        for position in 0..<count { grown.append(ring[(oldest + position) % ring.count]) }
        grown.append(contentsOf: repeatElement(Self.vacant, count: max(8, ring.count * 2) - count))
        ring = grown
        oldest = 0
    }
}

/// Told of each entry a dynamic table evicts, with its insertion number.
protocol EvictionObserver {
    mutating func didEvict(_ field: HPACKField, insertion: Int)
}

private struct Unobserved: EvictionObserver {
    func didEvict(_ field: HPACKField, insertion: Int) {}
}
