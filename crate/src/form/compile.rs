//! A school's form files checked and compiled against its policy: every statement cites a
//! clause that exists, ids are unique, required fields make sense, choices have options, roles
//! are the school's. Problems are reported as `file:line:column`, like `postwise lint` reports
//! policy files; a form with errors is not compiled.

use super::digest::policy_version;
use super::model::{ChoiceOption, Field, FieldKind, Form, PolicyRef, SchoolRef, Section, Tell};
use super::source::{FieldSource, FormSource, SectionSource};
use crate::policy::Policy;
use crate::policy::diagnostic::{Diagnostic, Diagnostics, SourceFile, toml_message};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The folder of form files in a school's folder.
pub const FORMS_DIR: &str = "forms";

/// The `*.toml` files in `policies/<id>/forms/`, sorted; none when the folder is missing.
pub fn form_files(school_dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let dir = school_dir.join(FORMS_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Whether `id` is a well-formed form, section or field id: lowercase letters, digits and
/// hyphens, starting with a letter.
pub fn is_valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.ends_with('-')
}

/// Loads, checks and compiles every form of `policy`. Problems go to `diagnostics`; the forms
/// without errors are returned, in file-name order.
pub fn school_forms(policy: &Policy, diagnostics: &mut Diagnostics) -> Vec<Form> {
    let files = match form_files(&policy.dir) {
        Ok(files) => files,
        Err(error) => {
            let dir = policy.dir.join(FORMS_DIR);
            diagnostics.push(Diagnostic::unreadable(&dir, format!("cannot list the forms: {error}")));
            return Vec::new();
        }
    };
    files.iter().filter_map(|path| compile_file(policy, path, diagnostics)).collect()
}

fn compile_file(policy: &Policy, path: &Path, diagnostics: &mut Diagnostics) -> Option<Form> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            diagnostics.push(Diagnostic::unreadable(path, format!("cannot read the file: {error}")));
            return None;
        }
    };
    let file = SourceFile::new(path, text);
    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
    let source: FormSource = match toml::from_str(&file.text) {
        Ok(source) => source,
        Err(error) => {
            let at = error.span().map_or(0, |s| s.start);
            diagnostics.push(Diagnostic::error(&file, at, toml_message(&error)));
            return None;
        }
    };
    let mut compiler = Compiler { policy, file: &file, problems: Diagnostics::default() };
    if !is_valid_id(&id) {
        compiler.error(0, format!("form id `{id}` (the file's name) must be lowercase letters, digits and hyphens"));
    }
    let form = compiler.form(id, &source);
    let ok = !compiler.problems.has_errors();
    for problem in compiler.problems.into_sorted() {
        diagnostics.push(problem);
    }
    ok.then_some(form)
}

struct Compiler<'a> {
    policy: &'a Policy,
    file: &'a SourceFile,
    problems: Diagnostics,
}

impl Compiler<'_> {
    fn error(&mut self, at: usize, message: impl Into<String>) {
        self.problems.push(Diagnostic::error(self.file, at, message));
    }

    fn warning(&mut self, at: usize, message: impl Into<String>) {
        self.problems.push(Diagnostic::warning(self.file, at, message));
    }

    /// The text of a required string, with an error when it is blank.
    fn words(&mut self, value: &Spanned<String>, what: &str) -> String {
        if value.get_ref().trim().is_empty() {
            self.error(value.span().start, format!("{what} is empty"));
        }
        value.get_ref().clone()
    }

    /// A cited clause, with an error when `policy.md` has no such clause.
    fn clause(&mut self, clause: &Spanned<String>) -> String {
        if self.policy.document.clause(clause.get_ref()).is_none() {
            self.error(clause.span().start, format!("clause `{}` is not in policy.md", clause.get_ref()));
        }
        clause.get_ref().clone()
    }

    /// A role's name from `school.toml`, with an error when the school has no such role.
    fn role(&mut self, key: &Spanned<String>) -> String {
        match self.policy.school.roles.get(key.get_ref()) {
            Some(name) => name.clone(),
            None => {
                let known: Vec<&str> = self.policy.school.roles.keys().map(String::as_str).collect();
                self.error(
                    key.span().start,
                    format!("no role `{}` in school.toml's [roles] (it has: {})", key.get_ref(), known.join(", ")),
                );
                key.get_ref().clone()
            }
        }
    }

    fn form(&mut self, id: String, source: &FormSource) -> Form {
        let reviewed = self.policy.school.review.as_ref().and_then(|r| r.last.as_ref()).map(|d| d.get_ref().clone());
        let mut section_ids: HashMap<String, usize> = HashMap::new();
        let mut field_ids: HashMap<String, usize> = HashMap::new();
        let mut sections = Vec::new();
        for section in &source.section {
            let at = section.span().start;
            sections.push(self.section(section.get_ref(), at, &mut section_ids, &mut field_ids));
        }
        let form = Form {
            id,
            title: self.words(&source.title, "title"),
            clause: self.clause(&source.clause),
            audience: self.words(&source.audience, "audience"),
            summary: self.words(&source.summary, "summary"),
            school: SchoolRef { id: self.policy.id.clone(), name: self.policy.school.name.clone() },
            policy: PolicyRef {
                title: self.policy.document.front.title.clone(),
                version: policy_version(&self.policy.document_file.text),
                reviewed,
            },
            return_to: source.return_to.as_ref().map(|key| self.role(key)),
            sections,
        };
        self.check_whole(&form);
        form
    }

    fn check_whole(&mut self, form: &Form) {
        let online: Vec<&Field> = form.online_fields().map(|(_, f)| f).collect();
        if online.is_empty() {
            self.error(0, "the form has nothing to fill in online: add a [[section]] with fields");
        } else if !online.iter().any(|f| f.required) {
            self.warning(0, "nothing online is required: a blank form could be submitted");
        }
        let has = |kind| online.iter().any(|f| f.kind == kind);
        if has(FieldKind::Statement) && !has(FieldKind::Signature) {
            self.warning(0, "the form has statements to agree to but no signature field");
        }
    }

    fn section(
        &mut self,
        source: &SectionSource,
        at: usize,
        section_ids: &mut HashMap<String, usize>,
        field_ids: &mut HashMap<String, usize>,
    ) -> Section {
        self.unique_id(&source.id, "section", section_ids);
        let filled_by = match self.policy.school.roles.get(source.filled_by.get_ref()) {
            Some(role) => role.clone(),
            None => self.words(&source.filled_by, "filled_by"),
        };
        if source.field.is_empty() && source.intro.is_none() {
            self.error(at, format!("section `{}` has no fields and no intro", source.id.get_ref()));
        }
        let intro = source.intro.as_ref().map(|t| self.words(t, "intro"));
        let intro_clause = source.intro_clause.as_ref().map(|c| self.clause(c));
        let fields = source.field.iter().map(|f| self.field(f.get_ref(), f.span().start, field_ids)).collect();
        Section {
            id: source.id.get_ref().clone(),
            title: self.words(&source.title, "title"),
            filled_by,
            online: source.online,
            intro,
            intro_clause,
            fields,
        }
    }

    fn unique_id(&mut self, id: &Spanned<String>, what: &str, seen: &mut HashMap<String, usize>) {
        let at = id.span().start;
        if !is_valid_id(id.get_ref()) {
            self.error(at, format!("{what} id `{}` must be lowercase letters, digits and hyphens", id.get_ref()));
        }
        if let Some(&first) = seen.get(id.get_ref()) {
            let line = self.file.line_col(first).0;
            self.error(at, format!("duplicate {what} id `{}` (first used on line {line})", id.get_ref()));
        } else {
            seen.insert(id.get_ref().clone(), at);
        }
    }

    fn field(&mut self, source: &FieldSource, at: usize, field_ids: &mut HashMap<String, usize>) -> Field {
        self.unique_id(&source.id, "field", field_ids);
        let kind = *source.kind.get_ref();
        let id = source.id.get_ref();
        let clause = source.clause.as_ref().map(|c| self.clause(c));
        let label = match (&source.label, &clause) {
            (Some(label), _) => self.words(label, "label"),
            (None, Some(cited)) if kind == FieldKind::Statement => {
                self.policy.document.clause(cited).map(|c| c.text.clone()).unwrap_or_default()
            }
            (None, _) if kind == FieldKind::Statement => {
                self.error(at, format!("statement `{id}` needs a label, or a clause whose text it is"));
                String::new()
            }
            (None, _) => {
                self.error(at, format!("field `{id}` needs a label: the question the person answers"));
                String::new()
            }
        };
        let required = source.required.as_ref().is_none_or(|r| *r.get_ref());
        if kind == FieldKind::Statement {
            if clause.is_none() {
                self.error(at, format!("statement `{id}` must cite the clause it comes from (clause = \"…\")"));
            }
            if let Some(r) = source.required.as_ref().filter(|r| !*r.get_ref()) {
                self.error(
                    r.span().start,
                    format!("statement `{id}` is there to be agreed to, so it is required: for a yes or no question use a choice"),
                );
            }
        }
        let multiple = source.multiple.as_ref().is_some_and(|m| *m.get_ref());
        if let Some(m) = source.multiple.as_ref().filter(|m| *m.get_ref())
            && !matches!(kind, FieldKind::Choice | FieldKind::Url)
        {
            self.error(m.span().start, format!("`multiple` is for choices and web addresses, not field `{id}`"));
        }
        let future = source.future.as_ref().is_some_and(|f| *f.get_ref());
        if let Some(f) = source.future.as_ref().filter(|_| kind != FieldKind::Date) {
            self.error(f.span().start, format!("`future` is for dates, not field `{id}`"));
        }
        let options = self.options(source, kind, at);
        Field { id: id.clone(), kind, label, hint: source.hint.clone(), required, clause, multiple, future, options }
    }

    fn options(&mut self, source: &FieldSource, kind: FieldKind, at: usize) -> Vec<ChoiceOption> {
        let id = source.id.get_ref();
        if kind != FieldKind::Choice {
            if let Some(first) = source.options.first() {
                self.error(first.span().start, format!("field `{id}` is not a choice, so it has no options"));
            }
            return Vec::new();
        }
        let multiple = source.multiple.as_ref().is_some_and(|m| *m.get_ref());
        let fewest = if multiple { 1 } else { 2 };
        if source.options.len() < fewest {
            self.error(
                at,
                format!("choice `{id}` needs at least {fewest} option{}", if fewest == 1 { "" } else { "s" }),
            );
        }
        let mut values: HashMap<String, usize> = HashMap::new();
        let mut options = Vec::new();
        for option in &source.options {
            let o = option.get_ref();
            if o.value.get_ref().trim().is_empty() {
                self.error(o.value.span().start, format!("an option of `{id}` has an empty value"));
            } else if values.insert(o.value.get_ref().clone(), o.value.span().start).is_some() {
                self.error(o.value.span().start, format!("choice `{id}` has the value `{}` twice", o.value.get_ref()));
            }
            let label = self.words(&o.label, "option label");
            let tell = match (&o.tell, &o.note) {
                (Some(role), Some(note)) => Some(Tell { role: self.role(role), note: self.words(note, "note") }),
                (Some(role), None) => {
                    self.error(role.span().start, "an option that tells a role needs a `note` saying what to do");
                    None
                }
                (None, Some(note)) => {
                    self.error(note.span().start, "a `note` goes with `tell`: the role to tell");
                    None
                }
                (None, None) => None,
            };
            options.push(ChoiceOption { value: o.value.get_ref().clone(), label, tell });
        }
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::date::Date;

    /// Chestnuts' policy with one form file written into a temporary copy of its folder.
    fn compile(form_toml: &str) -> (Vec<Form>, Vec<String>) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
        let tmp =
            std::env::temp_dir().join(format!("postwise-form-test-{}-{}", std::process::id(), rand_suffix(form_toml)));
        let school = tmp.join("chestnuts");
        std::fs::create_dir_all(school.join(FORMS_DIR)).unwrap();
        std::fs::create_dir_all(tmp.join("_shared")).unwrap();
        std::fs::copy(root.join("_shared/platforms.toml"), tmp.join("_shared/platforms.toml")).unwrap();
        for file in ["school.toml", "policy.md", "rules.toml"] {
            std::fs::copy(root.join("chestnuts").join(file), school.join(file)).unwrap();
        }
        std::fs::write(school.join(FORMS_DIR).join("test-form.toml"), form_toml).unwrap();
        let (policy, _) = crate::policy::load_valid(&school, Date { year: 2025, month: 1, day: Some(1) });
        let mut diagnostics = Diagnostics::default();
        let forms = school_forms(&policy.unwrap(), &mut diagnostics);
        std::fs::remove_dir_all(&tmp).unwrap();
        let problems =
            diagnostics.into_sorted().iter().map(|d| format!("{}:{}: {}", d.line, d.column, d.message)).collect();
        (forms, problems)
    }

    fn rand_suffix(text: &str) -> String {
        super::super::digest::sha256_hex(text.as_bytes())[..8].to_owned()
    }

    const HEAD: &str = r#"
title = "Test form"
clause = "appendix-3"
audience = "Parents and carers"
summary = "A test."
return_to = "head"
"#;

    #[test]
    fn a_good_form_compiles_with_clause_text_for_statements_and_role_names() {
        let (forms, problems) = compile(&format!(
            r#"{HEAD}
[[section]]
id = "will"
title = "I will"
filled_by = "Parent or carer"
intro = "I will:"
intro_clause = "appendix-3.5"

[[section.field]]
id = "respect-staff"
type = "statement"
clause = "appendix-3.5.a"

[[section.field]]
id = "signed"
type = "signature"
label = "Signed"
clause = "appendix-3.7"

[[section]]
id = "office"
title = "For the school"
filled_by = "head"
online = false

[[section.field]]
id = "safeguarding"
type = "choice"
label = "Safeguarding issue?"
options = [
  {{ value = "yes", label = "Yes", tell = "head", note = "Tell them today." }},
  {{ value = "no", label = "No" }},
]
"#
        ));
        assert_eq!(problems, Vec::<String>::new());
        let form = &forms[0];
        assert_eq!(form.id, "test-form");
        assert_eq!(form.return_to.as_deref(), Some("Headteacher"));
        assert_eq!(
            form.sections[0].fields[0].label,
            "Be respectful towards members of staff, and the school, at all times"
        );
        assert_eq!(form.sections[1].filled_by, "Headteacher");
        assert!(!form.sections[1].online);
        let tell = form.sections[1].fields[0].options[0].tell.as_ref().unwrap();
        assert_eq!(tell.role, "Headteacher");
        assert_eq!(form.policy.version.len(), 12);
    }

    #[test]
    fn every_mistake_is_located() {
        let (forms, problems) = compile(&format!(
            r#"{HEAD}
[[section]]
id = "one"
title = "One"
filled_by = "Parent or carer"

[[section.field]]
id = "agree"
type = "statement"
label = "I agree"

[[section.field]]
id = "agree"
type = "statement"
clause = "no-such-clause"
required = false

[[section.field]]
id = "pick"
type = "choice"
label = "Pick"
options = [{{ value = "a", label = "A", tell = "dsl", note = "Tell the DSL." }}]

[[section.field]]
id = "name"
type = "text"
multiple = true
future = true
"#
        ));
        assert!(forms.is_empty(), "a form with errors is not compiled");
        let expected = [
            "1:1: the form has statements to agree to but no signature field",
            "13:1: statement `agree` must cite the clause it comes from (clause = \"…\")",
            "19:6: duplicate field id `agree` (first used on line 14)",
            "21:10: clause `no-such-clause` is not in policy.md",
            "22:12: statement `agree` is there to be agreed to, so it is required: for a yes or no question use a choice",
            "24:1: choice `pick` needs at least 2 options",
            "28:47: no role `dsl` in school.toml's [roles] (it has: complaints, governors, head, line_manager, senior_staff)",
            "30:1: field `name` needs a label: the question the person answers",
            "33:12: `multiple` is for choices and web addresses, not field `name`",
            "34:10: `future` is for dates, not field `name`",
        ];
        assert_eq!(problems, expected);
    }

    #[test]
    fn a_form_with_nothing_to_fill_is_an_error() {
        let (_, problems) = compile(HEAD);
        assert_eq!(problems, ["1:1: the form has nothing to fill in online: add a [[section]] with fields"]);
        let (_, problems) = compile(&format!("{HEAD}\ncolour = \"red\"\n"));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("8:1: unknown field `colour`"), "{problems:?}");
    }
}
