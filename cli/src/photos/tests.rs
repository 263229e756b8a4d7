use super::*;

/// An EXIF segment as a camera writes it: the orientation, and GPS
/// coordinates (latitude 22° 17' 30" N).
fn exif(orientation: u16) -> Vec<u8> {
    let mut tiff: Vec<u8> = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    let entry = |tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        tiff.extend(tag.to_le_bytes());
        tiff.extend(kind.to_le_bytes());
        tiff.extend(count.to_le_bytes());
        tiff.extend(value);
    };
    tiff.extend(2u16.to_le_bytes());
    let [o0, o1] = orientation.to_le_bytes();
    entry(&mut tiff, 0x0112, 3, 1, [o0, o1, 0, 0]);
    entry(&mut tiff, 0x8825, 4, 1, 38u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(2u16.to_le_bytes());
    entry(&mut tiff, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut tiff, 0x0002, 5, 3, 68u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    for (n, d) in [(22u32, 1u32), (17, 1), (3000, 100)] {
        tiff.extend(n.to_le_bytes());
        tiff.extend(d.to_le_bytes());
    }
    let mut segment = vec![0xFF, 0xE1];
    segment.extend(((2 + 6 + tiff.len()) as u16).to_be_bytes());
    segment.extend(b"Exif\0\0");
    segment.extend(tiff);
    segment
}

/// A camera JPEG: `width` × `height` pixels as the sensor read them, with
/// an orientation tag and GPS.
pub fn camera_jpeg(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let photo = image::RgbImage::from_fn(width, height, |x, y| {
        // A sky over a field, with a brighter left edge to tell the turn by.
        let t = y as f32 / height as f32;
        let edge = if x < width / 10 { 60 } else { 0 };
        image::Rgb([
            (90.0 + 100.0 * t) as u8 + edge,
            (140.0 + 60.0 * t) as u8,
            (200.0 - 120.0 * t) as u8,
        ])
    });
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 92)
        .encode_image(&photo)
        .unwrap();
    let mut out = jpeg[..2].to_vec();
    out.extend(exif(orientation));
    out.extend(&jpeg[2..]);
    out
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gazette-photos-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_camera_photo_is_turned_upright_sized_and_stripped() {
    let bytes = camera_jpeg(1800, 1200, 6);
    assert!(carries_metadata(&bytes));
    let folder = temp("process");
    let photo = process(&bytes, true, &folder).unwrap();
    // Orientation 6: the camera was turned a quarter clockwise.
    assert_eq!((photo.width, photo.height), (1200, 1800));
    assert_eq!(
        photo.widths,
        [400, 800, 1200],
        "never wider than the photo, its own width last"
    );
    assert!(photo.cleaned);
    for w in &photo.widths {
        for extension in ["jpg", "webp"] {
            let file = std::fs::read(folder.join(format!("{w}.{extension}"))).unwrap();
            assert!(!carries_metadata(&file), "{w}.{extension} has metadata");
            let (vw, vh) = image::load_from_memory(&file).unwrap().to_rgb8().dimensions();
            assert_eq!(vw, *w);
            assert_eq!(vh, w * 3 / 2);
        }
    }
    let clean = std::fs::read(folder.join("clean.jpg")).unwrap();
    assert!(!carries_metadata(&clean) && !clean.windows(3).any(|w| w == b"GPS"));
    // Upright: the bright edge that was on the left is now along the top.
    let upright = image::load_from_memory(&clean).unwrap().to_rgb8();
    assert!(upright.get_pixel(600, 10)[0] > upright.get_pixel(600, 900)[0] + 30);
}

#[test]
fn the_published_feed_gets_sizes_and_both_formats_and_a_rebuild_uses_the_cache() {
    let site = temp("site");
    let cache = temp("cache");
    std::env::set_var("GAZETTE_CACHE", &cache);
    std::fs::create_dir_all(site.join("images")).unwrap();
    std::fs::write(site.join("images/camera.jpg"), camera_jpeg(900, 600, 1)).unwrap();
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1", "title": "T",
        "items": [{
            "id": "1", "title": "One",
            "_gazette": {
                "body": [
                    { "type": "paragraph", "text": "x" },
                    { "type": "image", "url": "images/camera.jpg", "caption": "A field" },
                    { "type": "image", "url": "https://example.com/remote.jpg" },
                    { "type": "image", "url": "images/missing.jpg" }
                ],
                "gallery": [{ "url": "/images/camera.jpg?v=2" }]
            }
        }]
    });
    std::fs::write(site.join("feed.json"), feed.to_string()).unwrap();
    let report = publish(&site, &site, "/").unwrap();
    assert_eq!((report.photos, report.processed), (1, 1));
    assert_eq!(report.faults.len(), 1, "{:?}", report.faults);
    assert!(report.faults[0].starts_with("items[0]._gazette.body[3]: images/missing.jpg is not in the site"));

    let published: Value = serde_json::from_str(&std::fs::read_to_string(site.join("feed.json")).unwrap()).unwrap();
    let photo = &published["items"][0]["_gazette"]["body"][1];
    assert_eq!(
        (photo["width"].as_u64(), photo["height"].as_u64()),
        (Some(900), Some(600))
    );
    let srcset = photo["srcset"].as_array().unwrap();
    let key = &content_key(&camera_jpeg(900, 600, 1))[..8];
    assert_eq!(
        srcset[0],
        json!({ "url": format!("images/camera.{key}-400.jpg"), "width": 400 })
    );
    assert_eq!(
        srcset[3],
        json!({ "url": format!("images/camera.{key}-400.webp"), "width": 400, "type": "image/webp" })
    );
    assert_eq!(srcset.len(), 6, "400, 800 and its own 900, in two formats");
    assert!(site.join(format!("images/camera.{key}-900.webp")).is_file());
    let gallery = &published["items"][0]["_gazette"]["gallery"][0];
    assert_eq!(
        gallery["srcset"].as_array().unwrap().len(),
        6,
        "a root-relative address is the same photo"
    );
    assert_eq!(
        published["items"][0]["_gazette"]["body"][2].get("srcset"),
        None,
        "remote photos are left as they are"
    );
    let clean = std::fs::read(site.join("images/camera.jpg")).unwrap();
    assert!(
        !carries_metadata(&clean),
        "the photo at its own address has no metadata left"
    );

    // Published again: the photo is clean now and its variants listed, so it is only measured.
    let again = publish(&site, &site, "/").unwrap();
    assert_eq!(again.photos, 1);
    let republished: Value = serde_json::from_str(&std::fs::read_to_string(site.join("feed.json")).unwrap()).unwrap();
    assert_eq!(
        republished["items"][0]["_gazette"]["body"][1]["srcset"],
        photo["srcset"]
    );

    // The same photo in a new site comes from the cache.
    let other = temp("other");
    std::fs::create_dir_all(other.join("images")).unwrap();
    std::fs::write(other.join("images/camera.jpg"), camera_jpeg(900, 600, 1)).unwrap();
    std::fs::write(other.join("feed.json"), feed.to_string()).unwrap();
    let cached = publish(&other, &other, "/").unwrap();
    assert_eq!((cached.photos, cached.processed), (1, 0));
    assert!(other.join(format!("images/camera.{key}-800.jpg")).is_file());
}

#[test]
fn only_files_of_the_site_are_local_photos() {
    let site = Path::new("/site");
    let places = PhotoPlaces {
        site,
        folder: &site.join("zh"),
        base_path: "/news/",
    };
    assert_eq!(
        places.file("images/a.jpg"),
        Some(PathBuf::from("/site/zh/images/a.jpg"))
    );
    assert_eq!(
        places.file("/news/images/a.jpg#x"),
        Some(PathBuf::from("/site/images/a.jpg"))
    );
    assert_eq!(places.file("/elsewhere/a.jpg"), None);
    assert_eq!(places.file("../secret.jpg"), None);
    assert_eq!(places.file("https://example.com/a.jpg"), None);
    assert_eq!(places.file("//example.com/a.jpg"), None);
    assert_eq!(places.file("data:image/png;base64,xyz"), None);
}

#[test]
fn photos_in_an_html_body_are_measured_and_given_their_variants() {
    let site = temp("html");
    let cache = temp("html-cache");
    std::env::set_var("GAZETTE_CACHE", &cache);
    std::fs::write(site.join("field.jpg"), camera_jpeg(1000, 500, 6)).unwrap();
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1", "title": "T",
        "items": [{
            "id": "1",
            "content_html": "<p>Before.</p><img src=\"field.jpg\" alt=\"A field\" width=\"1000\" height=\"500\"><img data-src=\"field.jpg\" src=\"blank.gif\"><img src=\"gone.jpg\">"
        }]
    });
    std::fs::write(site.join("feed.json"), feed.to_string()).unwrap();
    let report = publish(&site, &site, "/").unwrap();
    assert_eq!(report.photos, 1, "the lazy one's placeholder is not looked for");
    assert!(report
        .faults
        .iter()
        .any(|f| f.starts_with("items[0].content_html: gone.jpg is not in the site")));
    let published: Value = serde_json::from_str(&std::fs::read_to_string(site.join("feed.json")).unwrap()).unwrap();
    let html = published["items"][0]["content_html"].as_str().unwrap();
    let key = &content_key(&camera_jpeg(1000, 500, 6))[..8];
    assert!(
        html.contains(&format!(
            "<picture><source type=\"image/webp\" srcset=\"field.{key}-400.webp 400w, field.{key}-500.webp 500w\"><img src=\"field.jpg\" alt=\"A field\" width=\"500\" height=\"1000\" srcset=\"field.{key}-400.jpg 400w, field.{key}-500.jpg 500w\"></picture>"
        )),
        "upright size, variants, and the WebP copies in a picture: {html}"
    );
    // The reader offers the WebP copies as a typed photo's.
    let story = gazette::feed::read_feed(published.to_string().as_bytes(), "/feed.json").unwrap();
    let photo = &story.articles[0].photos[0];
    let webp: Vec<u32> = photo
        .variants
        .iter()
        .filter(|v| v.mime_type.as_deref() == Some("image/webp"))
        .map(|v| v.width)
        .collect();
    assert_eq!(webp, [400, 500], "{photo:?}");
    assert!(
        html.contains("<img data-src=\"field.jpg\" src=\"blank.gif\">"),
        "{html}"
    );
    assert!(site.join(format!("field.{key}-500.webp")).is_file());
}
