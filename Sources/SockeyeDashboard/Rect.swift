/// A region of the screen a pane draws into.
struct Rect: Equatable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int
}
