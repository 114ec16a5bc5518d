export default () => { const m = /(?<y>\d{4})-(?<m>\d{2})/d.exec('on 2024-05'); return [m.indices[0], m.indices.groups.m] }
