//! Every story the app has read so far, indexed for the pages: newest first,
//! by slug and by topic. Pure Rust, so the prerenderer and native tests use
//! the same code as the browser.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::sync::Arc;

use crate::feed::{Article, Feed, PageInfo, Person, Problem, Site, Topic};

/// The articles of one page of a topic, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicPage {
    pub topic: Topic,
    pub articles: Vec<Arc<Article>>,
    pub page: PageInfo,
}

/// One page of the stories someone wrote or is credited in, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonPage {
    pub person: Person,
    pub articles: Vec<Arc<Article>>,
    pub page: PageInfo,
}

/// What the article page shows besides the story itself.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleContext {
    pub article: Arc<Article>,
    /// The topics the story is in, its kicker first.
    pub topics: Vec<Topic>,
    /// The next newer and next older story, across the whole feed.
    pub newer: Option<Arc<Article>>,
    pub older: Option<Arc<Article>>,
    /// Other stories of its first topic, newest first.
    pub related: Vec<Arc<Article>>,
}

/// A topic's section on the front page.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub topic: Topic,
    pub articles: Vec<Arc<Article>>,
}

/// How far back the stories read so far reach, in a feed paged by `next_url`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    pub stories: usize,
    pub pages: usize,
    /// The date of the oldest story read.
    pub oldest: Option<crate::feed::Timestamp>,
}

/// What every page's metadata says of the site that publishes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Publisher {
    pub name: String,
    pub home_page_url: Option<String>,
    /// The newest story photo, for the pages of the whole site.
    pub image: Option<crate::feed::Image>,
}

/// A topic and how many stories it holds: in the whole archive when the
/// feed says, else among the stories read.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicCount {
    pub topic: Topic,
    pub stories: u64,
}

/// What the newsroom found for a page that asked for one thing.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup<T> {
    Found(T),
    /// The feed holds no such thing: the whole feed was looked through.
    Missing,
    /// Not among the stories looked through so far; older ones remain.
    NotReached(Reach),
}

impl<T> Lookup<T> {
    pub fn found(self) -> Option<T> {
        match self {
            Lookup::Found(found) => Some(found),
            _ => None,
        }
    }
}

/// What the store can tell of a page from what it holds, and else where to
/// read next: the newsroom follows it until the answer is known.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer<T> {
    Known(Lookup<T>),
    /// The paged archive's file at this address holds it.
    InFile(String),
    /// An older page of the main feed may hold it; `held` is what the stories
    /// read so far make of it, shown if the reader lets the app look no further.
    FurtherBack {
        held: Option<T>,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Store {
    /// Whether the main feed has been read (an empty store is still waiting).
    loaded: bool,
    pub site: Site,
    /// Newest first; stories without a date keep their feed order after the dated ones.
    articles: Vec<Arc<Article>>,
    by_slug: FxHashMap<String, usize>,
    /// How many stories each of `site.topics` holds (by position): the
    /// archive's count when the feed gives one, else those read.
    story_counts: Vec<u64>,
    /// Whether the loaded pages hold the whole feed (no `next_url` left to follow).
    complete: bool,
    /// The next page of the main feed to follow, and how many were read.
    next_url: Option<String>,
    pages_loaded: usize,
    /// Whether a paged archive's front-page sections file has been read.
    sections_loaded: bool,
    /// Stories left out of the main feed and why.
    pub problems: Vec<Problem>,
    /// Topic pages fetched one by one from a paged archive, by (topic, page).
    archive_pages: HashMap<(String, u32), TopicPage>,
    /// People's pages fetched from a paged archive, by (person, page).
    person_pages: HashMap<(String, u32), PersonPage>,
}

pub const TOPIC_PAGE_SIZE: usize = crate::feed::lists::PAGE_SIZE;

/// How many topics the header names and the front page gives a section;
/// the rest are on the page of all topics.
pub const FEATURED_TOPICS: usize = 8;

/// A story named by another, as much of it as a link to it shows.
fn linked_story(link: &crate::feed::StoryLink) -> Arc<Article> {
    Arc::new(Article {
        slug: link.slug.clone(),
        title: link.title.clone(),
        ..Article::default()
    })
}

impl Store {
    /// A store holding the first page of the main feed.
    pub fn from_feed(feed: Feed) -> Store {
        let mut store = Store {
            loaded: true,
            site: feed.site,
            complete: feed.next_url.is_none(),
            next_url: feed.next_url,
            pages_loaded: 1,
            problems: feed.problems,
            // The reader has made every slug unique already.
            articles: feed.articles.into_iter().map(Arc::new).collect(),
            ..Store::default()
        };
        store.sort();
        store
    }

    /// Adds a later page of the main feed (reached through `next_url`).
    pub fn add_page(&mut self, feed: Feed) {
        self.pages_loaded += 1;
        self.next_url = feed.next_url;
        self.complete = self.next_url.is_none();
        self.problems.extend(feed.problems);
        self.add_articles(feed.articles);
    }

    /// Adds stories from any later fetch (an archive page, a story file); a
    /// story already held is replaced by the newer copy.
    pub fn add_articles(&mut self, articles: Vec<Article>) {
        for article in articles {
            let article = Arc::new(article);
            match self.by_slug.get(&article.slug) {
                Some(&i) => self.articles[i] = article,
                None => {
                    self.by_slug.insert(article.slug.clone(), self.articles.len());
                    self.articles.push(article);
                }
            }
        }
        self.sort();
    }

    fn sort(&mut self) {
        // A stable sort keeps feed order among equal or missing dates.
        self.articles.sort_by_key(|a| a.newest_first());
        self.by_slug = self
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.clone(), i))
            .collect();
        self.story_counts = self
            .site
            .topics
            .iter()
            .map(|topic| {
                topic
                    .story_count
                    .unwrap_or_else(|| self.topic_articles(&topic.slug).count() as u64)
            })
            .collect();
    }

    /// The `n` stories read most (by `_gazette.views`), most first; ties
    /// go to the newer story. Stories without a count are not ranked.
    pub fn most_read(&self, n: usize) -> Vec<Arc<Article>> {
        // A paged archive ranks its stories once, when it is built.
        if let Some(archive) = self.site.archive.as_ref().filter(|a| !a.most_read.is_empty()) {
            return archive
                .most_read
                .iter()
                .take(n)
                .map(|ranked| {
                    Arc::new(Article {
                        slug: ranked.slug.clone(),
                        title: ranked.title.clone(),
                        views: Some(ranked.views),
                        ..Article::default()
                    })
                })
                .collect();
        }
        crate::feed::lists::most_read(self.articles.len(), |i| self.articles[i].views, n)
            .into_iter()
            .map(|i| self.articles[i].clone())
            .collect()
    }

    pub fn articles(&self) -> &[Arc<Article>] {
        &self.articles
    }

    pub fn publisher(&self) -> Publisher {
        Publisher {
            name: self.site.title.clone(),
            home_page_url: self.site.home_page_url.clone(),
            image: self.articles.iter().find_map(|a| a.card_image().cloned()),
        }
    }

    /// The topic a story is filed under first (its kicker), if the site has it.
    pub fn kicker(&self, article: &Article) -> Option<Topic> {
        self.topic(article.topic()?).cloned()
    }

    /// Whether the main feed has been read.
    pub fn is_loaded(&self) -> bool {
        self.loaded
    }

    /// Whether every story of the feed is held: no page left to follow.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// Whether older pages of the main feed remain to be followed.
    pub fn has_older_pages(&self) -> bool {
        self.next_url.is_some()
    }

    /// How many pages of the main feed have been read.
    pub fn pages_loaded(&self) -> usize {
        self.pages_loaded
    }

    /// The next page of the main feed to read, while fewer than `budget`
    /// pages have been read.
    pub fn next_page_url(&self, budget: usize) -> Option<&str> {
        self.next_url.as_deref().filter(|_| self.pages_loaded < budget)
    }

    /// The paged archive's file of the front page's sections, until it is read.
    pub fn sections_url(&self) -> Option<&str> {
        if self.complete || self.sections_loaded {
            return None;
        }
        self.site.archive.as_ref()?.sections_url.as_deref()
    }

    /// Adds the stories of the front page's sections file.
    pub fn add_sections(&mut self, feed: Feed) {
        self.sections_loaded = true;
        self.add_articles(feed.articles);
    }

    /// Page `page` of topic `slug`, or where to read it.
    pub fn find_topic_page(&self, slug: &str, page: u32) -> Answer<TopicPage> {
        let held = self.topic_page(slug, page);
        let Some(topic) = self.topic(slug) else {
            return Answer::Known(Lookup::Missing);
        };
        // A full page, or the last one, can be shown from what is held.
        if let Some(held) = &held {
            if self.complete || held.articles.len() >= TOPIC_PAGE_SIZE || held.page.number < held.page.total_pages {
                return Answer::Known(Lookup::Found(held.clone()));
            }
        }
        // The topic's story count tells the number of pages without a request.
        let beyond_last_page = match (&self.site.archive, topic.story_count) {
            (Some(archive), Some(count)) => page as u64 > count.div_ceil(archive.topic_page_size as u64).max(1),
            _ => false,
        };
        if beyond_last_page {
            return Answer::Known(Lookup::Missing);
        }
        if self.complete {
            return Answer::Known(held.map_or(Lookup::Missing, Lookup::Found));
        }
        match self.topic_page_url(slug, page) {
            Some(url) => Answer::InFile(url),
            None => Answer::FurtherBack {
                held: held.filter(|held| !held.articles.is_empty()),
            },
        }
    }

    /// Page `page` of the stories of the person `slug`, or where to read it.
    pub fn find_person_page(&self, slug: &str, page: u32) -> Answer<PersonPage> {
        let held = self.person_page(slug, page);
        if let Some(held) = &held {
            if self.complete || held.articles.len() >= TOPIC_PAGE_SIZE || held.page.number < held.page.total_pages {
                return Answer::Known(Lookup::Found(held.clone()));
            }
        }
        if self.complete {
            return Answer::Known(held.map_or(Lookup::Missing, Lookup::Found));
        }
        let file = self.site.archive.as_ref().and_then(|a| a.person_page_url.as_ref());
        match file {
            Some(template) => Answer::InFile(
                template
                    .replace("{person}", &crate::paths::encode_segment(slug))
                    .replace("{page}", &page.to_string()),
            ),
            None => Answer::FurtherBack { held },
        }
    }

    /// Page `page` of every story, or where to read on.
    pub fn find_latest_page(&self, page: u32) -> Answer<TopicPage> {
        let held = self.latest_page(page);
        match held {
            Some(held) if self.complete || held.articles.len() >= TOPIC_PAGE_SIZE => Answer::Known(Lookup::Found(held)),
            held if self.complete => Answer::Known(held.map_or(Lookup::Missing, Lookup::Found)),
            held => Answer::FurtherBack { held },
        }
    }

    /// The story `slug` with its context, or where to read it.
    pub fn find_article(&self, slug: &str) -> Answer<ArticleContext> {
        if let Some(found) = self.article_context(slug) {
            return Answer::Known(Lookup::Found(found));
        }
        if self.complete {
            return Answer::Known(Lookup::Missing);
        }
        match self.article_url(slug) {
            Some(url) => Answer::InFile(url),
            None => Answer::FurtherBack { held: None },
        }
    }

    pub fn article(&self, slug: &str) -> Option<&Arc<Article>> {
        self.by_slug.get(slug).map(|&i| &self.articles[i])
    }

    pub fn topic(&self, slug: &str) -> Option<&Topic> {
        self.site.topics.iter().find(|t| t.slug == slug)
    }

    /// The stories read so far in the topic, newest first. (A scan: a feed
    /// holds hundreds of stories, an archive's pages fifty, and an index
    /// by topic would cost the first visit more code than the scan costs time.)
    pub fn topic_articles<'a, 's>(&'a self, slug: &'s str) -> impl Iterator<Item = &'a Arc<Article>> + use<'a, 's> {
        self.articles.iter().filter(move |a| a.in_topic(slug))
    }

    /// The first `limit` topics that hold a story, with their story counts:
    /// in the order a feed declares them, or, for topics made from tags,
    /// those with the most stories first (ties in order of first use).
    pub fn ranked_topics(&self, limit: usize) -> Vec<TopicCount> {
        // Rank, then the feed's order, packed into one number so the sort is
        // the plain one search uses too.
        let mut order: Vec<u64> = self
            .story_counts
            .iter()
            .enumerate()
            .filter_map(|(i, &stories)| {
                let stories = stories.min(u32::MAX as u64);
                let rank = if self.site.topics_declared {
                    0
                } else {
                    u32::MAX as u64 - stories
                };
                (stories > 0).then_some((rank << 32) | i as u64)
            })
            .collect();
        crate::feed::search::sort_packed(&mut order);
        order
            .iter()
            .take(limit)
            .map(|&packed| {
                let i = (packed & 0xFFFF_FFFF) as usize;
                TopicCount {
                    stories: self.story_counts[i],
                    topic: self.site.topics[i].clone(),
                }
            })
            .collect()
    }

    /// The topics the header names and the front page opens a section for:
    /// the first [`FEATURED_TOPICS`] of [`Store::ranked_topics`].
    pub fn featured_topics(&self) -> Vec<TopicCount> {
        self.ranked_topics(FEATURED_TOPICS)
    }

    /// The story with its topics, neighbours and related stories.
    pub fn article_context(&self, slug: &str) -> Option<ArticleContext> {
        let &index = self.by_slug.get(slug)?;
        let article = self.articles[index].clone();
        let topics = article.topics.iter().filter_map(|t| self.topic(t)).cloned().collect();
        let related = match article.topic() {
            Some(t) => self
                .topic_articles(t)
                .filter(|a| a.slug != article.slug)
                .take(4)
                .cloned()
                .collect(),
            None => Vec::new(),
        };
        // A story read from a paged archive says which its neighbours are;
        // the stories beside it here may be pages apart in the archive.
        let (newer, older) = match &article.neighbours {
            Some(neighbours) => (
                neighbours.newer.as_ref().map(linked_story),
                neighbours.older.as_ref().map(linked_story),
            ),
            None => (
                index.checked_sub(1).map(|i| self.articles[i].clone()),
                self.articles.get(index + 1).cloned(),
            ),
        };
        Some(ArticleContext {
            newer,
            older,
            topics,
            related,
            article,
        })
    }

    /// One page of a topic, `None` when the topic is unknown or the page out of range.
    /// Page 1 of a topic without stories exists (and says so).
    pub fn topic_page(&self, slug: &str, page: u32) -> Option<TopicPage> {
        if let Some(fetched) = self.archive_pages.get(&(slug.to_owned(), page)) {
            return Some(fetched.clone());
        }
        let topic = self.topic(slug)?.clone();
        let total_stories = self.topic_articles(slug).count();
        let total_pages = crate::feed::lists::page_count(total_stories) as u32;
        if page == 0 || page > total_pages {
            return None;
        }
        let articles = self
            .topic_articles(slug)
            .skip((page as usize - 1) * TOPIC_PAGE_SIZE)
            .take(TOPIC_PAGE_SIZE)
            .cloned()
            .collect();
        Some(TopicPage {
            topic,
            articles,
            page: PageInfo {
                number: page,
                total_pages,
                total_stories: total_stories as u64,
            },
        })
    }

    /// Who the person `slug` is, from the first story read that names them:
    /// their name as a byline or credit gives it, their URL and avatar as
    /// any byline of theirs does.
    pub fn person(&self, slug: &str) -> Option<Person> {
        let mut person: Option<Person> = None;
        for article in self.articles.iter().filter(|a| a.involves(slug)) {
            let found = person.get_or_insert_with(|| Person {
                slug: slug.to_owned(),
                ..Person::default()
            });
            for author in article.authors.iter().filter(|a| a.slug.as_deref() == Some(slug)) {
                if found.name.is_empty() {
                    found.name = author.name.clone().unwrap_or_default();
                }
                found.url = found.url.take().or_else(|| author.url.clone());
                found.avatar = found.avatar.take().or_else(|| author.avatar.clone());
            }
            if found.name.is_empty() {
                if let Some(credit) = article.credits.iter().find(|c| c.slug == slug) {
                    found.name = credit.name.clone();
                }
            }
        }
        person
    }

    /// Everyone named in a byline or a credit of the stories read, in order
    /// of their newest story.
    pub fn people(&self) -> Vec<String> {
        let mut seen = rustc_hash::FxHashSet::default();
        let mut slugs: Vec<String> = Vec::new();
        for slug in self.articles.iter().flat_map(|a| a.people()) {
            if seen.insert(slug) {
                slugs.push(slug.to_owned());
            }
        }
        slugs
    }

    /// One page of a person's stories, `None` for someone no story read
    /// names, or a page out of range.
    pub fn person_page(&self, slug: &str, page: u32) -> Option<PersonPage> {
        if let Some(fetched) = self.person_pages.get(&(slug.to_owned(), page)) {
            return Some(fetched.clone());
        }
        let person = self.person(slug)?;
        let theirs = || self.articles.iter().filter(|a| a.involves(slug));
        let total_stories = theirs().count();
        let total_pages = crate::feed::lists::page_count(total_stories) as u32;
        if page == 0 || page > total_pages {
            return None;
        }
        let articles = theirs()
            .skip((page as usize - 1) * TOPIC_PAGE_SIZE)
            .take(TOPIC_PAGE_SIZE)
            .cloned()
            .collect();
        Some(PersonPage {
            person,
            articles,
            page: PageInfo {
                number: page,
                total_pages,
                total_stories: total_stories as u64,
            },
        })
    }

    /// Records a page of a person's stories fetched from a paged archive.
    pub fn add_person_page(&mut self, slug: &str, feed: Feed, page: PageInfo) -> Option<PersonPage> {
        let slugs: Vec<String> = feed.articles.iter().map(|a| a.slug.clone()).collect();
        self.add_articles(feed.articles);
        let person = self.person(slug)?;
        let articles = slugs.iter().filter_map(|s| self.article(s).cloned()).collect();
        let found = PersonPage { person, articles, page };
        self.person_pages.insert((slug.to_owned(), page.number), found.clone());
        Some(found)
    }

    /// One page of every story read, newest first; page 1 exists even empty.
    pub fn latest_page(&self, page: u32) -> Option<TopicPage> {
        let total_pages = crate::feed::lists::page_count(self.articles.len()) as u32;
        let total_stories = self
            .site
            .archive
            .as_ref()
            .map_or(self.articles.len() as u64, |a| a.total_stories);
        if page == 0 || page > total_pages {
            return None;
        }
        let articles = self
            .articles
            .iter()
            .skip((page as usize - 1) * TOPIC_PAGE_SIZE)
            .take(TOPIC_PAGE_SIZE)
            .cloned()
            .collect();
        Some(TopicPage {
            topic: Topic {
                slug: String::new(),
                // Named by the page, in its edition's words (the catalog's `latest_stories`).
                name: String::new(),
                description: None,
                story_count: Some(total_stories),
            },
            articles,
            page: PageInfo {
                number: page,
                total_pages: total_pages.max(total_stories.div_ceil(TOPIC_PAGE_SIZE as u64) as u32),
                total_stories,
            },
        })
    }

    /// How far back the stories read reach.
    pub fn reach(&self) -> Reach {
        Reach {
            stories: self.articles.len(),
            pages: self.pages_loaded,
            oldest: self.articles.iter().rev().find_map(|a| a.published),
        }
    }

    /// Where a paged archive keeps the story `slug`, if the feed is one.
    fn article_url(&self, slug: &str) -> Option<String> {
        let archive = self.site.archive.as_ref()?;
        Some(
            archive
                .article_url
                .replace("{slug}", &crate::paths::encode_segment(slug)),
        )
    }

    /// Where a paged archive keeps page `page` of a topic, if the feed is one.
    fn topic_page_url(&self, slug: &str, page: u32) -> Option<String> {
        let archive = self.site.archive.as_ref()?;
        Some(
            archive
                .topic_page_url
                .replace("{topic}", &crate::paths::encode_segment(slug))
                .replace("{page}", &page.to_string()),
        )
    }

    /// Records a topic page fetched from a paged archive.
    pub fn add_topic_page(&mut self, slug: &str, feed: Feed, page: PageInfo) -> Option<TopicPage> {
        let topic = self.topic(slug)?.clone();
        let slugs: Vec<String> = feed.articles.iter().map(|a| a.slug.clone()).collect();
        self.add_articles(feed.articles);
        let articles = slugs.iter().filter_map(|s| self.article(s).cloned()).collect();
        let topic_page = TopicPage { topic, articles, page };
        self.archive_pages
            .insert((slug.to_owned(), page.number), topic_page.clone());
        Some(topic_page)
    }

    /// A section for each featured topic with its newest stories, those of
    /// an earlier section left out: a story in several topics is in one section.
    pub fn sections(&self, per_topic: usize) -> Vec<Section> {
        let mut seen: Vec<&str> = Vec::new();
        let mut sections = Vec::new();
        for TopicCount { topic, .. } in self.featured_topics() {
            let articles: Vec<&Arc<Article>> = self
                .topic_articles(&topic.slug)
                .filter(|a| !seen.contains(&a.slug.as_str()))
                .take(per_topic)
                .collect();
            if articles.is_empty() {
                continue;
            }
            seen.extend(articles.iter().map(|a| a.slug.as_str()));
            sections.push(Section {
                topic,
                articles: articles.into_iter().cloned().collect(),
            });
        }
        sections
    }

    /// Problems that left a story out, for the notice on the page.
    pub fn skipped_stories(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.skipped_story)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::read_feed;
    use crate::feed::Timestamp;

    fn article(slug: &str, topic: &str, date: &str) -> Article {
        Article {
            id: slug.into(),
            slug: slug.into(),
            title: slug.to_uppercase(),
            topics: vec![topic.into()],
            published: Timestamp::parse(date),
            ..Article::default()
        }
    }

    fn topic(slug: &str) -> Topic {
        Topic {
            slug: slug.into(),
            name: slug.into(),
            description: None,
            story_count: None,
        }
    }

    fn store() -> Store {
        let site = Site {
            topics: vec![topic("research"), topic("art"), topic("empty")],
            ..Site::default()
        };
        let mut articles = vec![
            article("old", "research", "2024-01-01"),
            article("new", "art", "2024-03-01"),
            article("mid", "research", "2024-02-01"),
            article("undated", "art", "x"),
        ];
        for i in 0..25 {
            articles.push(article(
                &format!("r{i:02}"),
                "research",
                &format!("2023-06-{:02}", i + 1),
            ));
        }
        Store::from_feed(Feed {
            site,
            articles,
            ..Feed::default()
        })
    }

    #[test]
    fn newest_first_with_undated_last() {
        let s = store();
        let slugs: Vec<&str> = s.articles().iter().take(4).map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs, ["new", "mid", "old", "r24"]);
        assert_eq!(s.articles().last().unwrap().slug, "undated");
        assert!(s.complete);
    }

    #[test]
    fn the_most_read_stories_most_first_ties_to_the_newer() {
        let feed = read_feed(
            br#"{"title": "T", "items": [
                {"id": "a", "content_text": "a", "date_published": "2026-01-05T00:00:00Z", "_gazette": {"views": 5}},
                {"id": "b", "content_text": "b", "date_published": "2026-01-04T00:00:00Z", "_gazette": {"views": 9}},
                {"id": "c", "content_text": "c", "date_published": "2026-01-03T00:00:00Z"},
                {"id": "d", "content_text": "d", "date_published": "2026-01-02T00:00:00Z", "_gazette": {"views": 5}}
            ]}"#,
            "/feed.json",
        )
        .unwrap();
        let store = Store::from_feed(feed);
        let ids = |n| store.most_read(n).iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(10), ["b", "a", "d"]);
        assert_eq!(ids(2), ["b", "a"]);
    }

    #[test]
    fn people_from_bylines_and_credits_with_their_stories() {
        let feed = read_feed(
            r#"{"version": "1.1", "title": "T", "items": [
                {"id": "a", "content_text": "a", "date_published": "2026-01-05T00:00:00Z",
                 "authors": [{"name": "Ann Lee"}], "_gazette": {"credits": [{"role": "Draft", "name": "Bo Chen"}]}},
                {"id": "b", "content_text": "b", "date_published": "2026-01-04T00:00:00Z",
                 "authors": [{"name": "Ann Lee", "url": "https://ann.example/", "avatar": "https://ann.example/a.jpg"}]},
                {"id": "c", "content_text": "c", "date_published": "2026-01-03T00:00:00Z",
                 "authors": [{"url": "https://nameless.example/"}], "_gazette": {"credits": [{"role": "Photos", "name": "李娜"}]}}
            ]}"#
            .as_bytes(),
            "/feed.json",
        )
        .unwrap();
        let store = Store::from_feed(feed);
        assert_eq!(store.people(), ["ann-lee", "bo-chen", "李娜"]);
        // The name from the newest story, the URL and avatar from any byline.
        let ann = store.person("ann-lee").unwrap();
        assert_eq!(ann.name, "Ann Lee");
        assert_eq!(ann.url.as_deref(), Some("https://ann.example/"));
        assert_eq!(ann.avatar.as_deref(), Some("https://ann.example/a.jpg"));
        assert_eq!(store.person("李娜").unwrap().name, "李娜");
        assert!(store.person("nobody").is_none());
        let page = store.person_page("ann-lee", 1).unwrap();
        assert_eq!(
            page.articles.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(page.page.total_stories, 2);
        assert!(store.person_page("ann-lee", 2).is_none());
        assert!(matches!(
            store.find_person_page("bo-chen", 1),
            Answer::Known(Lookup::Found(_))
        ));
        assert!(matches!(
            store.find_person_page("nobody", 1),
            Answer::Known(Lookup::Missing)
        ));
    }

    #[test]
    fn a_paged_archive_names_its_people_pages_and_its_most_read() {
        let feed = read_feed(
            br#"{"version": "1.1", "title": "T", "next_url": "feed-2.json", "_gazette": {"archive": {
                "total_items": 500, "article_url": "articles/{slug}.json",
                "topic_page_url": "topics/{topic}/page-{page}.json", "topic_page_size": 12,
                "person_page_url": "people/{person}/page-{page}.json",
                "most_read": [{"slug": "big", "title": "The big one", "views": 900}, {"slug": "bad"}]}},
              "items": [{"id": "a", "content_text": "a", "authors": [{"name": "Ann Lee"}]}]}"#,
            "/news/feed.json",
        )
        .unwrap();
        assert!(
            feed.problems.iter().any(|p| p.path == "_gazette.archive.most_read[1]"),
            "{:?}",
            feed.problems
        );
        let store = Store::from_feed(feed);
        // Someone not among the stories held may still be in the archive.
        assert_eq!(
            store.find_person_page("bo-chen", 2),
            Answer::InFile("/news/people/bo-chen/page-2.json".to_owned())
        );
        let ranked = store.most_read(10);
        assert_eq!(ranked.len(), 1);
        assert_eq!(
            (ranked[0].slug.as_str(), ranked[0].title.as_str(), ranked[0].views),
            ("big", "The big one", Some(900))
        );
    }

    #[test]
    fn article_context_has_neighbours_and_related() {
        let s = store();
        let ctx = s.article_context("mid").unwrap();
        assert_eq!(ctx.newer.unwrap().slug, "new");
        assert_eq!(ctx.older.unwrap().slug, "old");
        assert_eq!(ctx.topics[0].slug, "research");
        assert_eq!(
            ctx.related.iter().map(|a| a.slug.as_str()).collect::<Vec<_>>(),
            ["old", "r24", "r23", "r22"]
        );
        assert!(s.article_context("nope").is_none());
        let first = s.article_context("new").unwrap();
        assert!(first.newer.is_none());
    }

    #[test]
    fn a_story_from_a_paged_archive_links_to_the_neighbours_it_names() {
        let mut s = store();
        let mut deep = article("deep", "research", "2020-01-01T00:00:00Z");
        let link = |slug: &str| crate::feed::StoryLink {
            slug: slug.to_owned(),
            title: format!("The {slug} story"),
        };
        deep.neighbours = Some(crate::feed::Neighbours {
            newer: Some(link("deep-newer")),
            older: None,
        });
        s.add_articles(vec![deep]);
        let ctx = s.article_context("deep").unwrap();
        assert_eq!(
            ctx.newer.map(|a| (a.slug.clone(), a.title.clone())),
            Some(("deep-newer".to_owned(), "The deep-newer story".to_owned()))
        );
        assert!(ctx.older.is_none(), "the oldest of the archive");
    }

    #[test]
    fn topic_pages() {
        let s = store();
        let p1 = s.topic_page("research", 1).unwrap();
        assert_eq!(
            p1.page,
            PageInfo {
                number: 1,
                total_pages: 3,
                total_stories: 27
            }
        );
        assert_eq!(p1.articles.len(), TOPIC_PAGE_SIZE);
        assert_eq!(p1.articles[0].slug, "mid");
        let p3 = s.topic_page("research", 3).unwrap();
        assert_eq!(p3.articles.len(), 3);
        assert!(s.topic_page("research", 4).is_none());
        assert!(s.topic_page("research", 0).is_none());
        assert!(s.topic_page("nope", 1).is_none());
        let empty = s.topic_page("empty", 1).unwrap();
        assert!(empty.articles.is_empty());
        assert_eq!(empty.page.total_pages, 1);
    }

    #[test]
    fn sections_follow_topic_order_and_skip_empty_topics() {
        let s = store();
        let sections = s.sections(2);
        assert_eq!(
            sections.iter().map(|s| s.topic.slug.as_str()).collect::<Vec<_>>(),
            ["research", "art"]
        );
        assert_eq!(
            sections[1].articles.iter().map(|a| a.slug.as_str()).collect::<Vec<_>>(),
            ["new", "undated"]
        );
    }

    #[test]
    fn later_copies_replace_earlier_ones() {
        let mut s = store();
        let mut newer = article("mid", "art", "2024-02-01");
        newer.title = "Updated".into();
        s.add_articles(vec![newer]);
        assert_eq!(s.article("mid").unwrap().title, "Updated");
        assert_eq!(s.articles().len(), 29);
    }

    #[test]
    fn a_whole_feed_answers_every_page_itself() {
        let s = store();
        assert!(s.is_complete() && !s.has_older_pages());
        let Answer::Known(Lookup::Found(page)) = s.find_topic_page("research", 3) else {
            panic!("page 3 of research is held");
        };
        assert_eq!(page.articles.len(), 3);
        assert_eq!(s.find_topic_page("research", 4), Answer::Known(Lookup::Missing));
        assert_eq!(s.find_topic_page("nope", 1), Answer::Known(Lookup::Missing));
        let Answer::Known(Lookup::Found(empty)) = s.find_topic_page("empty", 1) else {
            panic!("a topic without stories still has its page");
        };
        assert!(empty.articles.is_empty());
        assert!(matches!(s.find_article("mid"), Answer::Known(Lookup::Found(_))));
        assert_eq!(s.find_article("nope"), Answer::Known(Lookup::Missing));
        assert!(matches!(s.find_latest_page(1), Answer::Known(Lookup::Found(_))));
        assert_eq!(s.find_latest_page(9), Answer::Known(Lookup::Missing));
        assert_eq!(s.sections_url(), None);
    }

    #[test]
    fn a_feed_paged_by_next_url_says_to_read_further_back() {
        let first = read_feed(
            br#"{"title": "T", "next_url": "p2.json", "items": [{"id": "a", "content_text": "x", "tags": ["art"]}]}"#,
            "/feed.json",
        )
        .unwrap();
        let s = Store::from_feed(first);
        assert_eq!(s.next_page_url(50), Some("/p2.json"));
        assert_eq!(s.next_page_url(1), None, "the reader allowed one page");
        assert_eq!(s.find_article("older"), Answer::FurtherBack { held: None });
        let Answer::FurtherBack { held: Some(held) } = s.find_topic_page("art", 1) else {
            panic!("what is held of art is shown if the app looks no further");
        };
        assert_eq!(held.articles.len(), 1);
        assert!(matches!(s.find_latest_page(1), Answer::FurtherBack { held: Some(_) }));
    }

    #[test]
    fn a_paged_archive_names_the_file_that_holds_a_page() {
        let archive = read_feed(
            br#"{"title": "T", "next_url": "feed-2.json", "items": [{"id": "a", "content_text": "x", "tags": ["art"]}],
                "_gazette": {"topics": [{"slug": "art", "name": "Art", "count": 40}, {"slug": "photo-essays", "name": "G", "count": 20}],
                  "archive": {"total_items": 60, "article_url": "articles/{slug}.json",
                    "topic_page_url": "topics/{topic}/page-{page}.json", "topic_page_size": 12,
                    "sections_url": "sections.json"}}}"#,
            "/news/feed.json",
        )
        .unwrap();
        let mut s = Store::from_feed(archive);
        assert_eq!(
            s.find_article("a b"),
            Answer::InFile("/news/articles/a%20b.json".into())
        );
        assert_eq!(
            s.find_topic_page("photo-essays", 2),
            Answer::InFile("/news/topics/photo-essays/page-2.json".into())
        );
        assert_eq!(
            s.find_topic_page("art", 5),
            Answer::Known(Lookup::Missing),
            "40 stories make 4 pages, told without a request"
        );
        assert_eq!(s.sections_url(), Some("/news/sections.json"));
        s.add_sections(Feed::default());
        assert_eq!(s.sections_url(), None, "read once");
    }

    #[test]
    fn later_pages_extend_the_store() {
        let first = read_feed(
            br#"{"title": "T", "next_url": "p2.json", "items": [{"id": "a", "content_text": "x"}]}"#,
            "/feed.json",
        )
        .unwrap();
        let mut s = Store::from_feed(first);
        assert!(!s.is_complete());
        assert_eq!(s.next_page_url(usize::MAX), Some("/p2.json"));
        s.add_page(
            read_feed(
                br#"{"title": "T", "items": [{"id": "b", "content_text": "y"}]}"#,
                "/p2.json",
            )
            .unwrap(),
        );
        assert!(s.is_complete());
        assert_eq!(s.articles().len(), 2);
    }

    #[test]
    fn sample_feed_builds_a_store() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/public/feed.json")).unwrap();
        let feed = read_feed(&bytes, "/feed.json").unwrap();
        assert!(
            feed.problems.is_empty(),
            "the sample feed must be clean: {:?}",
            feed.problems
        );
        let s = Store::from_feed(feed);
        assert!(s.articles().len() >= 24, "at least 24 stories");
        assert!(s.site.topics.len() >= 6, "at least 6 topics");
        for topic in &s.site.topics {
            assert!(
                s.topic_articles(&topic.slug).count() >= 2,
                "topic {} has too few stories",
                topic.slug
            );
        }
        for article in s.articles() {
            assert!(
                article.topic().is_some() && article.published.is_some() && article.views.is_some(),
                "{}",
                article.slug
            );
            assert!(
                article.credits.len() >= 2,
                "{} needs Draft and Revision credits",
                article.slug
            );
            let photos = &article.photos;
            assert!(!photos.is_empty(), "{} has no photo", article.slug);
            // One file a photo, as a CMS holds it: the build makes its
            // variants (cli/src/photos.rs), as it does for a site owner's.
            for photo in photos {
                assert!(
                    photo.width.is_some()
                        && photo.height.is_some()
                        && photo.caption.is_some()
                        && photo.variants.is_empty(),
                    "{}: {:?}",
                    article.slug,
                    photo.url
                );
                let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public").to_owned() + &photo.url;
                assert!(std::path::Path::new(&path).exists(), "missing photo file {path}");
            }
        }
    }
}
