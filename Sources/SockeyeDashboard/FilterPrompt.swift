import SockeyeEvents

/// The one-line prompt `/` opens at the bottom: the expression being typed and, after an Enter
/// that did not parse, why.
public struct FilterPrompt: Sendable, Equatable {
    public var text: String
    public var error: RequestFilterError?

    public init(text: String = "", error: RequestFilterError? = nil) {
        self.text = text
        self.error = error
    }
}

/// A key as the prompt sees it.
public enum PromptKey: Equatable, Sendable {
    case character(Character), backspace, enter, escape
}

extension ViewState {
    /// Edits the open prompt. Enter applies a valid expression (an empty one clears the filter)
    /// and closes the prompt; an invalid one stays in the prompt with its error, the old filter
    /// still applied. Esc closes the prompt and keeps the old filter.
    public mutating func handlePromptKey(_ key: PromptKey) {
        guard var prompt = filterPrompt else { return }
        switch key {
        case .character(let character):
            prompt.text.append(character)
            prompt.error = nil
        case .backspace:
            if !prompt.text.isEmpty { prompt.text.removeLast() }
            prompt.error = nil
        case .escape:
            filterPrompt = nil
            return
        case .enter:
            if prompt.text.allSatisfy(\.isWhitespace) {
                apply(filter: nil)
                return
            }
            do throws(RequestFilterError) {
                apply(filter: try RequestFilter(parsing: prompt.text))
                return
            } catch {
                prompt.error = error
            }
        }
        filterPrompt = prompt
    }

    /// The filtered panes start again from their top rows.
    private mutating func apply(filter: RequestFilter?) {
        self.filter = filter
        filterPrompt = nil
        scroll[.recent] = 0
        scroll[.waits] = 0
    }
}
