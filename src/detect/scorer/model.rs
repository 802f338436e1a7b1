//! The scorer's model: a logistic regression over standardised features, read from a versioned
//! weights file (`weights-v1.json`, embedded in the binary). The file is data, reviewed like a rule
//! pack: it names its features, its threshold and how it was trained.

use super::features::{Features, N, NAMES};
use serde::Deserialize;
use std::sync::OnceLock;

/// The format this build reads.
pub const FORMAT: &str = "paraclean-scorer";
/// The format version this build reads.
pub const VERSION: u32 = 1;

/// The weights shipped with the binary.
pub const BUILTIN: &str = include_str!("weights-v1.json");

/// A weights file as stored.
#[derive(Debug, Clone, Deserialize)]
pub struct WeightsFile {
    pub format: String,
    pub version: u32,
    /// `logistic`.
    pub kind: String,
    pub features: Vec<String>,
    pub mean: Vec<f32>,
    pub scale: Vec<f32>,
    pub weights: Vec<f32>,
    pub bias: f32,
    /// Boilerplate probability from which a block goes.
    pub threshold: f64,
    /// How the weights were made (script, data, labels, regularisation, figures): for people.
    #[serde(default)]
    pub training: serde_json::Value,
}

/// A loaded model.
#[derive(Debug, Clone)]
pub struct Model {
    /// Weight per standardised feature, folded with the scale: `w / scale`.
    coef: [f32; N],
    mean: [f32; N],
    bias: f32,
    pub threshold: f64,
    pub version: u32,
    pub training: serde_json::Value,
}

/// A feature's share in one decision.
#[derive(Debug, Clone, Copy)]
pub struct Contribution {
    pub feature: usize,
    pub value: f32,
    /// Its term in the log-odds (positive: towards boilerplate).
    pub weight: f32,
}

impl Model {
    /// Parses and checks a weights file.
    pub fn parse(text: &str) -> Result<Model, String> {
        let file: WeightsFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.format != FORMAT {
            return Err(format!(
                "not a scorer weights file: format {:?}",
                file.format
            ));
        }
        if file.version != VERSION {
            return Err(format!(
                "scorer weights version {} (this build reads version {VERSION})",
                file.version
            ));
        }
        if file.kind != "logistic" {
            return Err(format!("unknown model kind {:?}", file.kind));
        }
        if file.features != NAMES {
            return Err(format!(
                "the weights are for features {:?}, this build computes {:?}",
                file.features, NAMES
            ));
        }
        for (name, v) in [
            ("mean", &file.mean),
            ("scale", &file.scale),
            ("weights", &file.weights),
        ] {
            if v.len() != N {
                return Err(format!("{name} has {} values, not {N}", v.len()));
            }
        }
        if !(0.0..=1.0).contains(&file.threshold) {
            return Err(format!("threshold {} is not a probability", file.threshold));
        }
        let mut coef = [0f32; N];
        let mut mean = [0f32; N];
        for i in 0..N {
            if file.scale[i] <= 0.0 || !file.scale[i].is_finite() {
                return Err(format!("scale of {} is not positive", NAMES[i]));
            }
            coef[i] = file.weights[i] / file.scale[i];
            mean[i] = file.mean[i];
        }
        Ok(Model {
            coef,
            mean,
            bias: file.bias,
            threshold: file.threshold,
            version: file.version,
            training: file.training,
        })
    }

    /// The model embedded in the binary.
    pub fn builtin() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::parse(BUILTIN).expect("the embedded scorer weights are valid"))
    }

    /// Log-odds that the block is boilerplate.
    #[inline]
    pub fn logit(&self, x: &Features) -> f32 {
        self.coef
            .iter()
            .zip(&self.mean)
            .zip(x)
            .fold(self.bias, |z, ((c, m), v)| z + c * (v - m))
    }

    /// Probability that the block is boilerplate.
    #[inline]
    pub fn score(&self, x: &Features) -> f64 {
        1.0 / (1.0 + (-(self.logit(x) as f64)).exp())
    }

    /// The `k` features that pushed hardest towards boilerplate (largest positive terms first).
    pub fn top_contributions(&self, x: &Features, k: usize) -> Vec<Contribution> {
        let mut all: Vec<Contribution> = (0..N)
            .map(|i| Contribution {
                feature: i,
                value: x[i],
                weight: self.coef[i] * (x[i] - self.mean[i]),
            })
            .collect();
        all.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then(a.feature.cmp(&b.feature))
        });
        all.truncate(k);
        all
    }
}
