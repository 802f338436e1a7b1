//! What kind of thing a removed piece is.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The class of a removal. Serialized in kebab-case (`portal-ui`, `related-list`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// A repeated copy of another block of the same document.
    Duplicate,
    /// Author/date lines and dateline headers (`(서울=연합뉴스) 홍길동 기자 =`, `By Jane Doe`).
    Byline,
    /// Reporter signature or bare e-mail at the end of the article.
    Signature,
    /// Copyright and reuse-prohibition lines.
    Copyright,
    /// Portal (Daum, Naver, aggregators) interface strings.
    PortalUi,
    /// Site chrome: share, print, cookie, menus, `Advertisement`.
    SiteUi,
    /// Related-headline lists after the footer.
    RelatedList,
    /// Promotions, subscribe lines, tip boxes, `Read more`.
    Promo,
    /// Photo credits and contributor credits (`/사진=연합뉴스`, `(AP Photo/Jane Doe)`, `(Reporting by …)`).
    Credit,
    /// Photo captions: the text that describes a picture (its credit, if any, is a `credit`).
    Caption,
    /// Decorative separator lines.
    Separator,
    /// Newsletter sign-up widgets.
    Newsletter,
    /// Publication stamps (`2023/05/04 11:33 송고`, `Updated 7:07 PM EST`).
    Timestamp,
    /// Robot-article, auto-generated and investment disclaimers.
    Notice,
    /// A site template learned from how often the block recurs across its source (`--learned`).
    Learned,
    /// Page furniture inside the article element that no rule names (share bars, comment headers,
    /// tag lists, breadcrumbs), found by the line scorer from the shape of the block and its neighbours.
    Layout,
    /// A comment thread below the article (its header, each comment's name-and-date line, the
    /// reply and report furniture; with `[sections] comment_bodies` the comments' text too), found
    /// by the section detector from a header (`12 Comments`, `댓글`) and the shape below it.
    Comments,
}

impl Class {
    pub const ALL: [Class; 17] = [
        Class::Duplicate,
        Class::Byline,
        Class::Signature,
        Class::Copyright,
        Class::PortalUi,
        Class::SiteUi,
        Class::RelatedList,
        Class::Promo,
        Class::Credit,
        Class::Caption,
        Class::Separator,
        Class::Newsletter,
        Class::Timestamp,
        Class::Notice,
        Class::Learned,
        Class::Layout,
        Class::Comments,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Class::Duplicate => "duplicate",
            Class::Byline => "byline",
            Class::Signature => "signature",
            Class::Copyright => "copyright",
            Class::PortalUi => "portal-ui",
            Class::SiteUi => "site-ui",
            Class::RelatedList => "related-list",
            Class::Promo => "promo",
            Class::Credit => "credit",
            Class::Caption => "caption",
            Class::Separator => "separator",
            Class::Newsletter => "newsletter",
            Class::Timestamp => "timestamp",
            Class::Notice => "notice",
            Class::Learned => "learned",
            Class::Layout => "layout",
            Class::Comments => "comments",
        }
    }

    pub fn parse(s: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
