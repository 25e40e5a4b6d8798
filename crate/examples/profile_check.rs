//! Profiling aid: one school's checker, every rule on, a 2,000-character draft, many times.
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use postwise::check::Checker;
    use postwise::model::{Author, Channel, Context};
    use postwise::policy::{self, date::Date};
    let dir = std::path::Path::new("policies/chestnuts");
    let (loaded, _) = policy::load_valid(dir, Date::today());
    let Some(loaded) = loaded else { return };
    let mut bundle = loaded.bundle();
    for rule in &mut bundle.rules {
        rule.authors = vec![Author::Staff, Author::Pupil, Author::Parent];
        rule.channels = vec![Channel::School, Channel::Personal, Channel::Group, Channel::Direct];
    }
    let sentences = [
        "Brilliant news: Keira Johnson-Blake from Kingfishers class has been picked for the county squad! ",
        "Reminder: PTA quiz night is Friday at 7:30, teams of six, bring your own snacks. ",
        "we've been chatting on the game for ages, let's meet at Bruce Castle Park on Sunday!! ",
        "Crap weather = cr\u{200B}ap sports day, rescheduled to Friday. ",
        "If you get stuck with the coursework just WhatsApp me on 07700 900874 👍 ",
        "Year 1 met a friendly cocker spaniel and some very noisy cockerels at the farm. ",
        "Personally, I think the Tories have wrecked school funding. ",
        "shut up you tw\u{0430}t, nobody asked, everyone knows you cried on the trip lol ",
    ];
    let mut text = String::new();
    'outer: loop {
        for s in sentences {
            if text.len() + s.len() > 2000 {
                break 'outer;
            }
            text.push_str(s);
        }
    }
    let checker = Checker::new(&bundle).expect("checker");
    let ctx = Context { author: Author::Staff, channel: Channel::School, age: None, media: vec![] };
    let n: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    let t = std::time::Instant::now();
    let mut count = 0;
    for _ in 0..n {
        count += checker.check(std::hint::black_box(&text), &ctx).len();
    }
    println!("{} chars, {count} findings, {:?} per check", text.chars().count(), t.elapsed() / n);
}
