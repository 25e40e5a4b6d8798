//! Offset conversion for callers that count in UTF-16 code units (JavaScript strings).

/// Converts UTF-8 byte offsets into `text` to UTF-16 code-unit offsets, in one pass over the
/// text. Offsets must be on character boundaries and at most `text.len()`; the result is in
/// the same order as the input.
pub fn utf8_to_utf16(text: &str, byte_offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..byte_offsets.len()).collect();
    order.sort_by_key(|&i| byte_offsets[i]);
    let mut result = vec![0; byte_offsets.len()];
    let mut units = 0;
    let mut chars = text.char_indices().peekable();
    for i in order {
        let target = byte_offsets[i];
        while let Some(&(at, c)) = chars.peek() {
            if at >= target {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        result[i] = units;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_surrogate_pairs_and_combining_marks() {
        let text = "a😀é👩‍👧b";
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let expected: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| text[..i].encode_utf16().count())
            .chain([text.encode_utf16().count()])
            .collect();
        assert_eq!(utf8_to_utf16(text, &offsets), expected);
    }

    #[test]
    fn keeps_input_order() {
        let text = "😀x😀";
        assert_eq!(utf8_to_utf16(text, &[8, 0, 4, 5]), [5, 0, 2, 3]);
    }
}
