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

/// Converts UTF-16 code-unit offsets into `text` (as JavaScript counts) to UTF-8 byte offsets,
/// in one pass; the result is in the same order as the input. `None` if an offset is past the
/// end or inside a character (between the halves of a surrogate pair).
pub fn utf16_to_utf8(text: &str, unit_offsets: &[usize]) -> Option<Vec<usize>> {
    let mut order: Vec<usize> = (0..unit_offsets.len()).collect();
    order.sort_by_key(|&i| unit_offsets[i]);
    let mut result = vec![0; unit_offsets.len()];
    let mut units = 0;
    let mut chars = text.char_indices().peekable();
    for i in order {
        let target = unit_offsets[i];
        while units < target {
            let (_, c) = chars.next()?;
            units += c.len_utf16();
        }
        if units != target {
            return None;
        }
        result[i] = chars.peek().map_or(text.len(), |&(at, _)| at);
    }
    Some(result)
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
    fn utf16_offsets_convert_back_to_bytes() {
        let text = "a😀é👩‍👧b";
        let bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let units = utf8_to_utf16(text, &bytes);
        assert_eq!(utf16_to_utf8(text, &units), Some(bytes));
        assert_eq!(utf16_to_utf8(text, &[7, 0, 3, 10]), Some(vec![14, 0, 5, 19]), "in the input's order");
        assert_eq!(utf16_to_utf8(text, &[2]), None, "inside the emoji's surrogate pair");
        assert_eq!(utf16_to_utf8(text, &[99]), None, "past the end");
    }

    #[test]
    fn keeps_input_order() {
        let text = "😀x😀";
        assert_eq!(utf8_to_utf16(text, &[8, 0, 4, 5]), [5, 0, 2, 3]);
    }
}
